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

    [ThreadStatic] private static byte[]? s_buffer;
    [ThreadStatic] private static Memory<byte>? s_stored;

    public static void Set(Memory<byte> buffer, Memory<byte> stored)
    {
        s_buffer = MemoryMarshal.TryGetArray<byte>(buffer, out var segment) ? segment.Array : null;
        s_stored = stored;
    }

    public static void Clear()
    {
        s_buffer = null;
        s_stored = null;
    }

    /// <summary>The stored bytes if <paramref name="buffer"/> is the chunk being replayed.</summary>
    public bool TryTake(ReadOnlyMemory<byte> buffer, out Memory<byte> stored)
    {
        stored = default;
        if (s_stored is null || !MemoryMarshal.TryGetArray(buffer, out var segment) || !ReferenceEquals(segment.Array, s_buffer))
            return false;
        stored = s_stored.Value;
        s_stored = null;
        return true;
    }
}
