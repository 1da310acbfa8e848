using System.Runtime.InteropServices;

namespace Dcnum.Write;

/// <summary>
/// Assembly of a dataset whose chunks are already compressed in the <see cref="ChunkStore"/>.
/// PureHDF defines the dataset and runs its filter pipeline per chunk; this cache flushes chunk k
/// (when chunk k+1 is asked for, or at the end) after telling <see cref="Read.Hdf5.ZstdFilter"/>
/// which stored bytes stand for that chunk's buffer, so nothing is compressed twice and PureHDF
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

/// <summary>The stored bytes that stand for the chunk buffer being flushed on this thread.</summary>
internal static class ReplayedChunk
{
    [ThreadStatic] private static byte[]? t_buffer;
    [ThreadStatic] private static Memory<byte>? t_stored;

    public static void Set(Memory<byte> buffer, Memory<byte> stored)
    {
        t_buffer = MemoryMarshal.TryGetArray<byte>(buffer, out var segment) ? segment.Array : null;
        t_stored = stored;
    }

    public static void Clear()
    {
        t_buffer = null;
        t_stored = null;
    }

    /// <summary>The stored bytes if <paramref name="buffer"/> is the chunk being replayed.</summary>
    public static bool TryTake(ReadOnlyMemory<byte> buffer, out Memory<byte> stored)
    {
        stored = default;
        if (t_stored is null || !MemoryMarshal.TryGetArray(buffer, out var segment) || !ReferenceEquals(segment.Array, t_buffer))
            return false;
        stored = t_stored.Value;
        t_stored = null;
        return true;
    }
}
