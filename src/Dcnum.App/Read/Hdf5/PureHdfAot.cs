using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PureHDF.Filters;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// One-time set-up of PureHDF for Native AOT: registers the zstd filter and roots the
/// struct-marshalling data PureHDF asks for through <c>Marshal.SizeOf(Type)</c> (rd.xml cannot
/// express that; a static <c>Marshal.SizeOf&lt;T&gt;()</c> call makes ILC emit it).
/// </summary>
public static class PureHdfAot
{
    private static int s_initialized;

    public static void Init()
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 1)
            return;
        Sink(Marshal.SizeOf<byte>() + Marshal.SizeOf<sbyte>() + Marshal.SizeOf<short>() + Marshal.SizeOf<ushort>()
           + Marshal.SizeOf<int>() + Marshal.SizeOf<uint>() + Marshal.SizeOf<long>() + Marshal.SizeOf<ulong>()
           + Marshal.SizeOf<float>() + Marshal.SizeOf<double>());
        H5Filter.Register(new ZstdFilter());
        H5Filter.Register(new Fletcher32Check());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Sink(int _) { }
}
