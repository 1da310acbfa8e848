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
    {
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count));
        int rank = count / 2;
        Span<ushort> histograms = stackalloc ushort[Block * 256];
        for (int p0 = 0; p0 < frameSize; p0 += Block)
        {
            int n = Math.Min(Block, frameSize - p0);
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
}
