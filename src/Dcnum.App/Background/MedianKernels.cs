namespace Dcnum.Background;

/// <summary>
/// Per-pixel order statistics over a stack of uint8 frames. dcnum takes the element at sorted index
/// k//2 (<c>np.partition(kth=k//2)</c>, scipy's median_filter rank): the upper median for even k,
/// never an average. Counting per pixel (256 bins) is exact and needs no sort.
/// </summary>
public static class MedianKernels
{
    private const int Block = 64;

    /// <summary>
    /// <paramref name="output"/>[p] = the value at sorted index <c>count/2</c> of frames[0..count)[p].
    /// Frames are row-major, <paramref name="frameSize"/> pixels each.
    /// </summary>
    public static void UpperMedian(ReadOnlySpan<byte> frames, int count, int frameSize, Span<byte> output)
        => UpperMedian(frames, count, frameSize, output, 0, frameSize);

    /// <summary>The same over pixel ranges on <paramref name="threads"/> threads (the background is computed before the workers start).</summary>
    public static void UpperMedian(byte[] frames, int count, int frameSize, byte[] output, int outputOffset, int threads)
    {
        if (threads <= 1 || frameSize < 2 * Block)
        {
            UpperMedian(frames, count, frameSize, output.AsSpan(outputOffset, frameSize));
            return;
        }
        // Ranges of whole 64-pixel blocks, one per thread.
        int blocks = (frameSize + Block - 1) / Block;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            int from = (int)((long)blocks * t / threads) * Block;
            int to = Math.Min(frameSize, (int)((long)blocks * (t + 1) / threads) * Block);
            if (to > from)
                UpperMedian(frames, count, frameSize, output.AsSpan(outputOffset, frameSize), from, to);
        });
    }

    /// <summary>Pixels [<paramref name="from"/>, <paramref name="to"/>) only.</summary>
    private static void UpperMedian(ReadOnlySpan<byte> frames, int count, int frameSize, Span<byte> output, int from, int to)
    {
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count));
        int rank = count / 2;
        if (count > ushort.MaxValue)
        {
            // More frames than a 16-bit count holds (a kernel_size over 65535): 32-bit counts.
            WideUpperMedian(frames, count, frameSize, output, from, to);
            return;
        }
        Span<ushort> histograms = stackalloc ushort[Block * 256];
        for (int p0 = from; p0 < to; p0 += Block)
        {
            int n = Math.Min(Block, to - p0);
            histograms.Clear();
            for (int f = 0; f < count; f++)
            {
                ReadOnlySpan<byte> row = frames.Slice(f * frameSize + p0, n);
                for (int j = 0; j < n; j++)
                    histograms[(j << 8) + row[j]]++;
            }
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<ushort> h = histograms.Slice(j << 8, 256);
                int seen = 0, v = 0;
                while ((seen += h[v]) <= rank)
                    v++;
                output[p0 + j] = (byte)v;
            }
        }
    }

    private static void WideUpperMedian(ReadOnlySpan<byte> frames, int count, int frameSize, Span<byte> output, int from, int to)
    {
        int rank = count / 2;
        var histograms = new int[Block * 256];
        for (int p0 = from; p0 < to; p0 += Block)
        {
            int n = Math.Min(Block, to - p0);
            Array.Clear(histograms);
            for (int f = 0; f < count; f++)
            {
                ReadOnlySpan<byte> row = frames.Slice(f * frameSize + p0, n);
                for (int j = 0; j < n; j++)
                    histograms[(j << 8) + row[j]]++;
            }
            for (int j = 0; j < n; j++)
            {
                int seen = 0, v = 0;
                while ((seen += histograms[(j << 8) + v]) <= rank)
                    v++;
                output[p0 + j] = (byte)v;
            }
        }
    }
}
