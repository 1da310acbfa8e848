using System.Runtime.InteropServices;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// Buffers for decompressed chunks, reused: a run reads hundreds of megabytes of frames, chunk by
/// chunk, and a fresh large array per chunk made the garbage collector's large-object heap (and
/// the process's memory) float far above what is alive. <see cref="ZstdFilter"/> rents;
/// <see cref="RecentChunkCache"/> gives a chunk back when it drops it (it is then the only owner).
/// Chunks read through PureHDF's own cache are never given back and simply become garbage.
/// </summary>
public static class ChunkBuffers
{
    private const int Keep = 6;
    private static readonly List<byte[]> s_free = [];

    /// <summary>An array of at least <paramref name="length"/> bytes (contents undefined).</summary>
    public static byte[] Rent(int length)
    {
        lock (s_free)
        {
            for (int i = 0; i < s_free.Count; i++)
            {
                byte[] b = s_free[i];
                if (b.Length >= length && b.Length <= 2L * length)
                {
                    s_free.RemoveAt(i);
                    return b;
                }
            }
        }
        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Gives back the array behind <paramref name="chunk"/>, which nobody else may still use.</summary>
    public static void Return(Memory<byte> chunk)
    {
        // Small chunks are cheap to allocate; only the large ones are worth keeping.
        if (!MemoryMarshal.TryGetArray<byte>(chunk, out var segment) || segment.Array is not { Length: >= 64 * 1024 } array || segment.Offset != 0)
            return;
        lock (s_free)
        {
            if (s_free.Count >= Keep)
                s_free.RemoveAt(0);
            s_free.Add(array);
        }
    }
}
