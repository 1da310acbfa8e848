#if !DCNUM_ZSTD_MANAGED
using System.Runtime.InteropServices;

namespace Dcnum.Read.Hdf5;

/// <summary>libzstd's C API: resolved at link time from libzstd.a in the AOT binary (DirectPInvoke), from libzstd.so under JIT.</summary>
internal static unsafe partial class ZstdLib
{
    public const string Name = "libzstd";
    private const string Library = "libzstd";

    [LibraryImport(Library)] public static partial nuint ZSTD_compressBound(nuint srcSize);
    [LibraryImport(Library)] public static partial nint ZSTD_createCCtx();
    [LibraryImport(Library)] public static partial nuint ZSTD_freeCCtx(nint cctx);
    [LibraryImport(Library)] public static partial nint ZSTD_createDCtx();
    [LibraryImport(Library)] public static partial nuint ZSTD_freeDCtx(nint dctx);
    [LibraryImport(Library)] public static partial nuint ZSTD_compressCCtx(nint cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level);
    [LibraryImport(Library)] public static partial nuint ZSTD_decompressDCtx(nint dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize);
    [LibraryImport(Library)] public static partial ulong ZSTD_getFrameContentSize(byte* src, nuint srcSize);
    [LibraryImport(Library)] public static partial uint ZSTD_isError(nuint code);
    [LibraryImport(Library)] private static partial byte* ZSTD_getErrorName(nuint code);

    public static string ErrorName(nuint code) => Marshal.PtrToStringAnsi((nint)ZSTD_getErrorName(code)) ?? "unknown error";
}
#endif
