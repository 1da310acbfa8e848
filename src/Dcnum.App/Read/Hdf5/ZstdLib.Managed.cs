#if DCNUM_ZSTD_MANAGED
using ZstdSharp.Unsafe;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// The same C API from ZstdSharp.Port, the managed port of libzstd: the build's fallback when no
/// libzstd.a was found, so that a machine with only the .NET SDK builds the binary too.
/// Contexts are passed as nint like libzstd's handles.
/// </summary>
internal static unsafe class ZstdLib
{
    public const string Name = "ZstdSharp.Port (managed)";

    public static nuint ZSTD_compressBound(nuint srcSize) => Methods.ZSTD_compressBound(srcSize);
    public static nint ZSTD_createCCtx() => (nint)Methods.ZSTD_createCCtx();
    public static nuint ZSTD_freeCCtx(nint cctx) => Methods.ZSTD_freeCCtx((ZSTD_CCtx_s*)cctx);
    public static nint ZSTD_createDCtx() => (nint)Methods.ZSTD_createDCtx();
    public static nuint ZSTD_freeDCtx(nint dctx) => Methods.ZSTD_freeDCtx((ZSTD_DCtx_s*)dctx);

    public static nuint ZSTD_compressCCtx(nint cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int level) =>
        Methods.ZSTD_compressCCtx((ZSTD_CCtx_s*)cctx, dst, dstCapacity, src, srcSize, level);

    public static nuint ZSTD_decompressDCtx(nint dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize) =>
        Methods.ZSTD_decompressDCtx((ZSTD_DCtx_s*)dctx, dst, dstCapacity, src, srcSize);

    public static ulong ZSTD_getFrameContentSize(byte* src, nuint srcSize) => Methods.ZSTD_getFrameContentSize(src, srcSize);
    public static uint ZSTD_isError(nuint code) => Methods.ZSTD_isError(code) ? 1u : 0u;
    public static string ErrorName(nuint code) => Methods.ZSTD_getErrorName(code);
}
#endif
