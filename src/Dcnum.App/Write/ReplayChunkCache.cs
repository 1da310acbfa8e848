using Dcnum.Read.Hdf5;

namespace Dcnum.Write;

/// <summary>
/// Assembly of a dataset whose chunks are already compressed in the <see cref="ChunkStore"/>.
/// PureHDF defines the dataset and runs its filter pipeline per chunk; this cache flushes chunk k
/// (when chunk k+1 is asked for, or at the end) after telling <see cref="ZstdFilter"/> (through
/// <see cref="ReplayedChunk"/>, its <see cref="IPrecompressedChunks"/>) which stored bytes stand for that chunk's buffer, so nothing is compressed twice and PureHDF
/// is fed a reused buffer of zeros instead of the data. Chunks come in increasing order.
/// </summary>
internal sealed class ReplayChunkCache(DatasetSpool spool, ChunkStore store) : SequentialChunkCache
{
    private Memory<byte>? _buffer;
    private byte[]? _stored;

    // Chunks are flushed before the next is opened, so one buffer serves them all (PureHDF
    // would allocate a new megabyte per chunk); its contents are never written.
    protected override Memory<byte> Allocate(Func<Memory<byte>> chunkAllocator, bool onlyOpen)
        => onlyOpen ? _buffer ??= chunkAllocator() : chunkAllocator();

    protected override void Write(ulong index, Memory<byte> chunk, Action<ulong, Memory<byte>> writer)
    {
        StoredChunk chunkInfo = spool.Chunks[(int)index];
        int length = chunkInfo.Length;
        // PureHDF is done with the stored bytes when the writer returns: one buffer serves all.
        if (_stored is null || _stored.Length < length)
            _stored = GC.AllocateUninitializedArray<byte>(Math.Max(length, (_stored?.Length ?? 0) * 2));
        Memory<byte> stored = _stored.AsMemory(0, length);
        store.Read(chunkInfo, stored.Span);
        ReplayedChunk.Set(chunk, stored);
        try
        {
            writer(index, chunk);
        }
        finally
        {
            ReplayedChunk.Clear();
        }
    }
}
