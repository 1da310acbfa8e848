using System.Buffers.Binary;
using PureHDF.Filters;

namespace Dcnum.Read.Hdf5;

/// <summary>The checksum of a chunk does not match its data: the file is corrupt.</summary>
public sealed class ChecksumMismatchException(string message) : IOException(message);

/// <summary>
/// HDF5 filter 3 (Fletcher32) on our vectorised <see cref="Fletcher32"/>: writing appends the
/// checksum (little-endian, as libhdf5 does); reading verifies and strips it, and a mismatch is a
/// <see cref="ChecksumMismatchException"/> (PureHDF's own filter says only "Filter pipeline failed").
/// </summary>
public sealed class Fletcher32Check : IH5Filter
{
    private readonly Fletcher32Filter _pureHdf = new();

    public ushort FilterId => Fletcher32Filter.Id;

    public string Name => _pureHdf.Name;

    public Memory<byte> Filter(FilterInfo info)
    {
        Memory<byte> buffer = info.Buffer;
        if (info.Flags.HasFlag(H5FilterFlags.Decompress))
        {
            if (buffer.Length < 4)
                throw new ChecksumMismatchException("Fletcher32: the chunk is shorter than its checksum (corrupt data)");
            Memory<byte> data = buffer[..^4];
            uint stored = BinaryPrimitives.ReadUInt32LittleEndian(buffer.Span[^4..]);
            if (!Fletcher32.Matches(Fletcher32.Compute(data.Span), stored))
                throw new ChecksumMismatchException("Fletcher32 checksum mismatch (corrupt data)");
            // PureHDF reads the chunk into a pooled buffer and returns that buffer to the pool right
            // after the pipeline: a slice of it must not be the pipeline's result. A chunk of the
            // dataset's chunk size is the result (nothing to decompress): copy it. Compressed bytes
            // go on to the zstd filter, which writes a new buffer.
            return data.Length == info.ChunkSize ? data.ToArray() : data;
        }
        // PureHDF writes the result to the file before it filters the next chunk on this thread
        // (H5D_Chunk.WriteChunk), so one buffer per thread serves every chunk written.
        byte[] output = s_output is { } reused && reused.Length >= buffer.Length + 4 ? reused : s_output = new byte[buffer.Length + 4 + (buffer.Length >> 3)];
        buffer.Span.CopyTo(output);
        BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(buffer.Length), Fletcher32.Compute(buffer.Span));
        return output.AsMemory(0, buffer.Length + 4);
    }

    [ThreadStatic] private static byte[]? s_output;

    public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options)
        => _pureHdf.GetParameters(chunkDimensions, typeSize, options);
}
