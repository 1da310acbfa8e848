using PureHDF.VOL.Native;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// A reading chunk cache for one dataset that lives as long as the file is open: it keeps the
/// chunks read last, so that reads of consecutive rows that split a chunk (a slot load, the frame
/// before a chunk, mapped basin rows) decompress it once, and gives a dropped chunk's buffer back
/// to <see cref="ChunkBuffers"/>. PureHDF's default cache lives for one read and keeps no chunk
/// over 1 MiB, which every 100-frame image chunk is.
/// </summary>
internal sealed class RecentChunkCache : IReadingChunkCache
{
    private const int Capacity = 2;
    private readonly (ulong Index, Memory<byte> Chunk)[] _chunks = new (ulong, Memory<byte>)[Capacity];
    private int _count, _next;

    public Memory<byte> GetChunk(ulong chunkIndex, Func<Memory<byte>> chunkReader)
    {
        lock (_chunks)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_chunks[i].Index == chunkIndex)
                    return _chunks[i].Chunk;
            }
            Memory<byte> chunk = chunkReader();
            if (_count == Capacity)
                ChunkBuffers.Return(_chunks[_next].Chunk); // PureHDF copied out of it before asking for another
            else
                _count++;
            _chunks[_next] = (chunkIndex, chunk);
            _next = (_next + 1) % Capacity;
            return chunk;
        }
    }
}
