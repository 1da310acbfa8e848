using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Dcnum.Read.Hdf5;

namespace Dcnum.Write;

/// <summary>
/// Chunks whose zstd compression was started ahead of time on the thread pool. PureHDF compresses
/// on its single writing thread; the cache starts compressing a chunk as soon as it is complete, and
/// <see cref="ZstdFilter"/> picks up the result when PureHDF asks for that chunk (matched by buffer).
/// </summary>
internal static class PrecompressedChunks
{
    private static readonly ConcurrentDictionary<byte[], (int Level, Task<byte[]> Result)> s_pending = new(ReferenceEqualityComparer.Instance);

    public static void Start(Memory<byte> chunk, int level)
    {
        if (!MemoryMarshal.TryGetArray<byte>(chunk, out var segment) || segment.Offset != 0 || segment.Array is null || segment.Count != segment.Array.Length)
            return; // not a whole array: PureHDF will compress it itself
        byte[] array = segment.Array;
        s_pending[array] = (level, Task.Run(() => ZstdFilter.Compress(array, level)));
    }

    /// <summary>The precompressed bytes of this buffer at this level, if they were started.</summary>
    public static bool TryTake(ReadOnlyMemory<byte> buffer, int level, out byte[] compressed)
    {
        compressed = [];
        if (!MemoryMarshal.TryGetArray(buffer, out var segment) || segment.Array is null || segment.Offset != 0 || segment.Count != segment.Array.Length)
            return false;
        if (!s_pending.TryRemove(segment.Array, out var entry))
            return false;
        if (entry.Level != level)
            return false;
        compressed = entry.Result.GetAwaiter().GetResult();
        return true;
    }
}
