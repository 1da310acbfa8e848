using PureHDF.Filters;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// HDF5 filter 32015 (Zstandard), the compression every .rtdc file uses (hdf5plugin's
/// <c>Zstd</c>). Parameter 0 is the compression level. Codecs are cached per thread because
/// PureHDF calls filters from whichever thread reads or writes (see <see cref="Zstd"/>).
/// </summary>
/// <param name="precompressed">Chunks compressed ahead of time (the writer's replay), or null.</param>
public sealed class ZstdFilter(IPrecompressedChunks? precompressed = null) : IH5Filter
{
    public const ushort Id = 32015;

    public ushort FilterId => Id;

    public string Name => "Zstandard compression: http://www.zstd.net";

    public Memory<byte> Filter(FilterInfo info)
    {
        ReadOnlySpan<byte> source = info.Buffer.Span;
        if (info.Flags.HasFlag(H5FilterFlags.Decompress))
            return Decompress(source, info.ChunkSize);

        int level = info.Parameters.Length > 0 ? (int)info.Parameters[0] : 3;
        if (precompressed is not null && precompressed.TryTake(info.Buffer, out Memory<byte> stored))
            return stored;
        return Compress(source, level);
    }

    /// <summary>zstd frame of <paramref name="source"/> at <paramref name="level"/> (with content size, like hdf5plugin).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> source, int level)
    {
        var output = GC.AllocateUninitializedArray<byte>(Zstd.CompressBound(source.Length));
        int written = Zstd.Compress(source, output, level);
        return output.AsSpan(0, written).ToArray();
    }

    private static Memory<byte> Decompress(ReadOnlySpan<byte> source, int chunkSize)
    {
        long frameSize = Zstd.FrameContentSize(source);
        // hdf5plugin writes the content size into the frame header; fall back to the chunk size otherwise.
        long size = frameSize is > 0 and < int.MaxValue ? frameSize : chunkSize;
        if (size <= 0)
            throw new InvalidDataException("zstd frame without content size");
        byte[] output = ChunkBuffers.Rent((int)size);
        int written = Zstd.Decompress(source, output.AsSpan(0, (int)size));
        return output.AsMemory(0, written);
    }

    public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options)
        => [options is not null && options.TryGetValue("level", out var level) ? Convert.ToUInt32(level, System.Globalization.CultureInfo.InvariantCulture) : 5u];
}
