using PureHDF.VOL.Native;

namespace Dcnum.Write;

/// <summary>
/// A <see cref="SequentialChunkCache"/> that starts compressing each chunk when it is complete and
/// hands chunks to PureHDF only when more than <see cref="Window"/> are in flight, oldest first.
/// The order of chunks in the file never depends on thread timing (the bytes are deterministic).
/// </summary>
internal sealed class ParallelCompressionChunkCache(int level) : IWritingChunkCache
{
    public const int Window = 4;

    private readonly SortedDictionary<ulong, (Memory<byte> Chunk, Action<ulong, Memory<byte>> Writer)> _open = [];
    private readonly Queue<(ulong Index, Memory<byte> Chunk, Action<ulong, Memory<byte>> Writer)> _compressing = new();

    public Memory<byte> GetChunk(ulong index, Func<Memory<byte>> chunkAllocator, Action<ulong, Memory<byte>> chunkWriter)
    {
        if (_open.TryGetValue(index, out var entry))
            return entry.Chunk;
        while (_open.Count > 0)
        {
            var first = _open.First();
            if (first.Key >= index)
                break;
            _open.Remove(first.Key);
            Complete(first.Key, first.Value.Chunk, first.Value.Writer);
        }
        while (_compressing.Count > Window)
            WriteOldest();
        Memory<byte> chunk = chunkAllocator();
        _open[index] = (chunk, chunkWriter);
        return chunk;
    }

    public void Flush(Action<ulong, Memory<byte>> chunkWriter)
    {
        foreach (var (index, entry) in _open)
            Complete(index, entry.Chunk, entry.Writer);
        _open.Clear();
        while (_compressing.Count > 0)
            WriteOldest();
    }

    private void Complete(ulong index, Memory<byte> chunk, Action<ulong, Memory<byte>> writer)
    {
        PrecompressedChunks.Start(chunk, level);
        _compressing.Enqueue((index, chunk, writer));
    }

    private void WriteOldest()
    {
        var (index, chunk, writer) = _compressing.Dequeue();
        writer(index, chunk);
    }
}
