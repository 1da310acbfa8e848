using System.Runtime.InteropServices;
using Dcnum.Read.Hdf5;

namespace Dcnum.Write;

/// <summary>
/// The stored bytes that stand for the chunk buffer being flushed on this thread: the writer's
/// side of <see cref="IPrecompressedChunks"/>, registered with the zstd filter by <see cref="RtdcWriter"/>.
/// </summary>
internal sealed class ReplayedChunk : IPrecompressedChunks
{
    public static ReplayedChunk Source { get; } = new();

    private ReplayedChunk()
    {
    }

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
    public bool TryTake(ReadOnlyMemory<byte> buffer, out Memory<byte> stored)
    {
        stored = default;
        if (t_stored is null || !MemoryMarshal.TryGetArray(buffer, out var segment) || !ReferenceEquals(segment.Array, t_buffer))
            return false;
        stored = t_stored.Value;
        t_stored = null;
        return true;
    }
}
