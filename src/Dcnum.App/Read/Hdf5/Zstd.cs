namespace Dcnum.Read.Hdf5;

/// <summary>
/// Zstandard through libzstd, linked statically into the AOT binary (Debian's libzstd.a, see the
/// app's csproj; JIT builds and tests load libzstd.so), or, when the build found no libzstd.a,
/// through the managed port ZstdSharp.Port (<see cref="ZstdLib"/>, ZstdLib.Managed.cs), which has the
/// same C API. libzstd compresses level 5 about 1.4× and decompresses about 1.8× as fast as the
/// managed port, and compressing every drained image is the largest single cost of a run. One
/// compression and one decompression context per thread: PureHDF and the writer call from
/// whichever thread runs.
/// </summary>
public static unsafe class Zstd
{
    /// <summary>Which codec this build has: "libzstd" or "ZstdSharp.Port (managed)".</summary>
    public static string Codec => ZstdLib.Name;

    [ThreadStatic] private static Contexts? s_contexts;

    /// <summary>Worst-case size of a frame holding <paramref name="length"/> bytes.</summary>
    public static int CompressBound(int length) => checked((int)ZstdLib.ZSTD_compressBound((nuint)length));

    /// <summary>One zstd frame of <paramref name="source"/> at <paramref name="level"/>, with its content size in the header (as hdf5plugin writes it).</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        Contexts c = s_contexts ??= new Contexts();
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
            written = ZstdLib.ZSTD_compressCCtx(c.Compression, dst, (nuint)destination.Length, src, (nuint)source.Length, level);
        Check(written, "compression");
        return (int)written;
    }

    /// <summary>The frame's content size from its header, or −1 when the header does not say.</summary>
    public static long FrameContentSize(ReadOnlySpan<byte> frame)
    {
        ulong size;
        fixed (byte* src = frame)
            size = ZstdLib.ZSTD_getFrameContentSize(src, (nuint)frame.Length);
        return size >= ZSTD_CONTENTSIZE_ERROR ? -1 : size > long.MaxValue ? -1 : (long)size;
    }

    /// <summary>Decompresses one or more frames into <paramref name="destination"/>; the number of bytes written.</summary>
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Contexts c = s_contexts ??= new Contexts();
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
            written = ZstdLib.ZSTD_decompressDCtx(c.Decompression, dst, (nuint)destination.Length, src, (nuint)source.Length);
        Check(written, "decompression");
        return (int)written;
    }

    private static void Check(nuint code, string what)
    {
        if (ZstdLib.ZSTD_isError(code) != 0)
            throw new InvalidDataException($"zstd {what} failed: {ZstdLib.ErrorName(code)}");
    }

    /// <summary>A thread's contexts, freed when the thread (and so this object) is gone.</summary>
    private sealed class Contexts
    {
        public readonly nint Compression = ZstdLib.ZSTD_createCCtx();
        public readonly nint Decompression = ZstdLib.ZSTD_createDCtx();

        public Contexts()
        {
            if (Compression == 0 || Decompression == 0)
                throw new OutOfMemoryException("zstd: cannot create a context");
        }

        ~Contexts()
        {
            ZstdLib.ZSTD_freeCCtx(Compression);
            ZstdLib.ZSTD_freeDCtx(Decompression);
        }
    }

    private const ulong ZSTD_CONTENTSIZE_ERROR = unchecked(0UL - 2);
}
