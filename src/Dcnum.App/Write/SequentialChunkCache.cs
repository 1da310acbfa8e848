using PureHDF.VOL.Native;

namespace Dcnum.Write;

/// <summary>
/// A writing chunk cache for datasets filled in increasing row order: when chunk k is first asked
/// for, every chunk before it is complete and is flushed. PureHDF's default cache keeps every
/// chunk until the file is closed (memory grows with the event count); this keeps one or two.
/// Each chunk is flushed with the writer delegate captured when it was created (PureHDF's delegate
/// ignores its index argument).
/// </summary>
internal class SequentialChunkCache : IWritingChunkCache
{
    private readonly SortedDictionary<ulong, (Memory<byte> Chunk, Action<ulong, Memory<byte>> Writer)> _open = [];

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
            Write(first.Key, first.Value.Chunk, first.Value.Writer);
        }
        Memory<byte> chunk = Allocate(chunkAllocator, onlyOpen: _open.Count == 0);
        _open[index] = (chunk, chunkWriter);
        return chunk;
    }

    public void Flush(Action<ulong, Memory<byte>> chunkWriter)
    {
        foreach (var (index, entry) in _open)
            Write(index, entry.Chunk, entry.Writer);
        _open.Clear();
    }

    /// <summary>A buffer for a new chunk; <paramref name="onlyOpen"/>: no other chunk is open now.</summary>
    protected virtual Memory<byte> Allocate(Func<Memory<byte>> chunkAllocator, bool onlyOpen) => chunkAllocator();

    /// <summary>Flushes one complete chunk.</summary>
    protected virtual void Write(ulong index, Memory<byte> chunk, Action<ulong, Memory<byte>> writer) => writer(index, chunk);
}
