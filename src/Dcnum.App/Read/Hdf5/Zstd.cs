using System.Runtime.InteropServices;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// Zstandard through libzstd, linked statically into the AOT binary (Debian's libzstd.a, see the
/// app's csproj; JIT builds and tests load libzstd.so). libzstd compresses level 5 about 1.4×
/// and decompresses about 1.8× as fast as the managed port measured here, and compressing every
/// drained image is the largest single cost of a run. One compression and one decompression
/// context per thread: PureHDF and the writer call from whichever thread runs.
/// </summary>
public static unsafe partial class Zstd
{
    private const string Library = "libzstd";

    [ThreadStatic] private static Contexts? s_contexts;

    /// <summary>Worst-case size of a frame holding <paramref name="length"/> bytes.</summary>
    public static int CompressBound(int length) => checked((int)ZSTD_compressBound((nuint)length));

    /// <summary>One zstd frame of <paramref name="source"/> at <paramref name="level"/>, with its content size in the header (as hdf5plugin writes it).</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        Contexts c = s_contexts ??= new Contexts();
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
            written = ZSTD_compressCCtx(c.Compression, dst, (nuint)destination.Length, src, (nuint)source.Length, level);
        Check(written, "compression");
        return (int)written;
    }

    /// <summary>The frame's content size from its header, or −1 when the header does not say.</summary>
    public static long FrameContentSize(ReadOnlySpan<byte> frame)
    {
        ulong size;
        fixed (byte* src = frame)
            size = ZSTD_getFrameContentSize(src, (nuint)frame.Length);
        return size >= ZSTD_CONTENTSIZE_ERROR ? -1 : size > long.MaxValue ? -1 : (long)size;
    }

    /// <summary>Decompresses one or more frames into <paramref name="destination"/>; the number of bytes written.</summary>
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Contexts c = s_contexts ??= new Contexts();
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
            written = ZSTD_decompressDCtx(c.Decompression, dst, (nuint)destination.Length, src, (nuint)source.Length);
        Check(written, "decompression");
        return (int)written;
    }

    private static void Check(nuint code, string what)
    {
        if (ZSTD_isError(code) != 0)
            throw new InvalidDataException($"zstd {what} failed: {Marshal.PtrToStringAnsi((nint)ZSTD_getErrorName(code))}");
    }

    /// <summary>A thread's contexts, freed when the thread (and so this object) is gone.</summary>
    private sealed class Contexts
    {
        public readonly nint Compression = ZSTD_createCCtx();
        public readonly nint Decompression = ZSTD_createDCtx();

        public Contexts()
        {
            if (Compression == 0 || Decompression == 0)
                throw new OutOfMemoryException("zstd: cannot create a context");
        }

        ~Contexts()
        {
            ZSTD_freeCCtx(Compression);
            ZSTD_freeDCtx(Decompression);
        }
    }

    private const ulong ZSTD_CONTENTSIZE_ERROR = unchecked(0UL - 2);

    [LibraryImport(Library)] private static partial nuint ZSTD_compressBound(nuint srcSize);
    [LibraryImport(Library)] private static partial nint ZSTD_createCCtx();
    [LibraryImport(Library)] private static partial nuint ZSTD_freeCCtx(nint cctx);
    [LibraryImport(Library)] private static partial nint ZSTD_createDCtx();
    [LibraryImport(Library)] private static partial nuint ZSTD_freeDCtx(nint dctx);
    [LibraryImport(Library)] private static partial nuint ZSTD_compressCCtx(nint cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);
    [LibraryImport(Library)] private static partial nuint ZSTD_decompressDCtx(nint dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize);
    [LibraryImport(Library)] private static partial ulong ZSTD_getFrameContentSize(byte* src, nuint srcSize);
    [LibraryImport(Library)] private static partial uint ZSTD_isError(nuint code);
    [LibraryImport(Library)] private static partial byte* ZSTD_getErrorName(nuint code);
}
