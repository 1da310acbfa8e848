using System.Collections.Concurrent;

namespace Dcnum.Job;

/// <summary>
/// Byte buffers for the per-event image copies that travel from a worker to the writer: a few
/// megabytes each, so they are reused instead of allocated per batch (the large-object heap
/// would otherwise grow with the run). At most <see cref="Keep"/> are kept.
/// </summary>
internal sealed class ImageBufferPool
{
    private const int Keep = 8;
    private readonly ConcurrentBag<byte[]> _free = [];

    /// <summary>A buffer of at least <paramref name="length"/> bytes (contents undefined).</summary>
    public byte[] Rent(int length)
    {
        for (int tries = 0; tries < Keep && _free.TryTake(out byte[]? b); tries++)
        {
            if (b.Length >= length)
                return b;
            // Too small for this batch: drop it; a larger one replaces it.
        }
        // Whole megabytes, so that batches of similar size share buffers.
        long rounded = ((long)Math.Max(length, 1) + (1 << 20) - 1) >> 20 << 20;
        return GC.AllocateUninitializedArray<byte>((int)Math.Min(rounded, Array.MaxLength));
    }

    public void Return(byte[]? buffer)
    {
        if (buffer is not null && _free.Count < Keep)
            _free.Add(buffer);
    }
}
