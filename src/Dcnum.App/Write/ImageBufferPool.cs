namespace Dcnum.Write;

/// <summary>
/// Byte buffers for the per-event image copies that travel from a worker to the writer: a few
/// megabytes each, so they are reused instead of allocated per batch (the large-object heap
/// would otherwise grow with the run). At most <see cref="Keep"/> are kept; a batch takes the
/// smallest that fits, so a small buffer is not thrown away when a larger batch comes.
/// </summary>
internal sealed class ImageBufferPool
{
    private const int Keep = 8;
    private readonly List<byte[]> _free = [];

    /// <summary>A buffer of at least <paramref name="length"/> bytes (contents undefined).</summary>
    public byte[] Rent(int length)
    {
        lock (_free)
        {
            int best = -1;
            for (int i = 0; i < _free.Count; i++)
            {
                if (_free[i].Length >= length && (best < 0 || _free[i].Length < _free[best].Length))
                    best = i;
            }
            if (best >= 0)
            {
                byte[] b = _free[best];
                _free.RemoveAt(best);
                return b;
            }
        }
        // Whole megabytes, so that batches of similar size share buffers.
        long rounded = ((long)Math.Max(length, 1) + (1 << 20) - 1) >> 20 << 20;
        return GC.AllocateUninitializedArray<byte>((int)Math.Min(rounded, Array.MaxLength));
    }

    public void Return(byte[]? buffer)
    {
        if (buffer is null)
            return;
        lock (_free)
        {
            if (_free.Count < Keep)
            {
                _free.Add(buffer);
                return;
            }
            // Full: keep the larger buffers, which fit any batch.
            int smallest = 0;
            for (int i = 1; i < _free.Count; i++)
            {
                if (_free[i].Length < _free[smallest].Length)
                    smallest = i;
            }
            if (_free[smallest].Length < buffer.Length)
                _free[smallest] = buffer;
        }
    }
}
