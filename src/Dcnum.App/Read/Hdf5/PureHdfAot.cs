using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PureHDF.Filters;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// One-time set-up of PureHDF for Native AOT: registers the filters and roots the
/// struct-marshalling data PureHDF asks for through <c>Marshal.SizeOf(Type)</c> (rd.xml cannot
/// express that; a static <c>Marshal.SizeOf&lt;T&gt;()</c> call makes ILC emit it).
/// </summary>
public static class PureHdfAot
{
    private static readonly Lock s_lock = new();
    private static bool s_initialized;
    private static IPrecompressedChunks? s_precompressed;

    /// <summary>
    /// Registers the filters once. PureHDF keeps one filter per id for the whole process, so the
    /// zstd filter that knows <paramref name="precompressed"/> (the writer's replay) replaces a
    /// plain one, never the other way round, whichever of reader and writer comes first.
    /// </summary>
    public static void Init(IPrecompressedChunks? precompressed = null)
    {
        lock (s_lock)
        {
            if (!s_initialized)
            {
                Sink(Marshal.SizeOf<byte>() + Marshal.SizeOf<sbyte>() + Marshal.SizeOf<short>() + Marshal.SizeOf<ushort>()
                   + Marshal.SizeOf<int>() + Marshal.SizeOf<uint>() + Marshal.SizeOf<long>() + Marshal.SizeOf<ulong>()
                   + Marshal.SizeOf<float>() + Marshal.SizeOf<double>());
                H5Filter.Register(new Fletcher32Check());
                H5Filter.Register(new ZstdFilter(precompressed));
                s_precompressed = precompressed;
                s_initialized = true;
            }
            else if (precompressed is not null && s_precompressed is null)
            {
                H5Filter.Register(new ZstdFilter(precompressed));
                s_precompressed = precompressed;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Sink(int _) { }
}
