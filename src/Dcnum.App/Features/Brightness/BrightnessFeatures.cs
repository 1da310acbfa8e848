using System.Runtime.InteropServices;

namespace Dcnum.Features.Brightness;

/// <summary>
/// dcnum's brightness features (feat/feat_brightness/bright_all.py) of one mask: mean and standard
/// deviation of the raw image and of image_corr = int16(image) − image_bg inside the mask, the 10th
/// and 90th percentiles of image_corr (numpy linear), the median of the whole background image;
/// with bg_off: bc_avg and the percentiles minus bg_off, bg_med plus bg_off.
/// </summary>
public static class BrightnessFeatures
{
    public static readonly string[] Names = ["bg_med", "bright_avg", "bright_bc_avg", "bright_bc_sd", "bright_perc_10", "bright_perc_90", "bright_sd"];

    /// <summary>
    /// Writes the 7 values in the order of <see cref="Names"/>. <paramref name="image"/> and
    /// <paramref name="imageCorr"/> are whole frames <paramref name="width"/> wide; only the pixels
    /// of <paramref name="mask"/>'s box are read.
    /// </summary>
    /// <remarks>
    /// The mask's pixels are first gathered in raster order without a branch (each box pixel is
    /// written, the write position advances by the mask bit), then the sums run over the gathered
    /// values: the double sums add the same terms in the same order as a masked pass over the frame.
    /// </remarks>
    public static void Compute(ReadOnlySpan<byte> image, ReadOnlySpan<short> imageCorr, int width,
        EventMask mask, double? bgOff, double bgMedian, BrightnessScratch scratch, Span<double> values)
    {
        int rows = mask.Rows, cols = mask.Cols;
        (byte[] gatheredRaw, short[] gatheredCorr) = scratch.Pixels(rows * cols + 1);
        int n = 0;
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<byte> m = MemoryMarshal.AsBytes(mask.Row(y));
            int at = (mask.Top + y) * width + mask.Left;
            ReadOnlySpan<byte> raw = image.Slice(at, cols);
            ReadOnlySpan<short> corr = imageCorr.Slice(at, cols);
            for (int x = 0; x < m.Length; x++)
            {
                gatheredRaw[n] = raw[x];
                gatheredCorr[n] = corr[x];
                n += m[x];
            }
        }
        ReadOnlySpan<byte> inRaw = gatheredRaw.AsSpan(0, n);
        ReadOnlySpan<short> inCorr = gatheredCorr.AsSpan(0, n);
        long sumRaw = 0, sumCorr = 0;
        for (int i = 0; i < inRaw.Length; i++)
        {
            sumRaw += inRaw[i];
            sumCorr += inCorr[i];
        }
        double meanRaw = (double)sumRaw / n, meanCorr = (double)sumCorr / n;
        double ssRaw = 0, ssCorr = 0;
        // image_corr spans −255…255: a histogram gives exact percentiles without sorting.
        Span<int> histogram = scratch.Histogram;
        histogram.Clear();
        for (int i = 0; i < inRaw.Length; i++)
        {
            double dr = inRaw[i] - meanRaw, dc = inCorr[i] - meanCorr;
            ssRaw += dr * dr;
            ssCorr += dc * dc;
            histogram[inCorr[i] + 255]++;
        }
        double off = bgOff ?? 0;
        values[0] = bgMedian + off;
        values[1] = meanRaw;
        values[2] = meanCorr - off;
        values[3] = Math.Sqrt(ssCorr / n);
        Percentiles(histogram, n, out double p10, out double p90);
        values[4] = p10 - off;
        values[5] = p90 - off;
        values[6] = Math.Sqrt(ssRaw / n);
    }

    /// <summary>
    /// np.percentile(values, 10) and (…, 90), linear: index (n−1)·q/100 between its neighbours;
    /// the four order statistics they need found in one walk over the histogram.
    /// </summary>
    private static void Percentiles(ReadOnlySpan<int> histogram, long n, out double p10, out double p90)
    {
        double index10 = (n - 1) * (10 / 100.0), index90 = (n - 1) * (90 / 100.0);
        long lower10 = (long)Math.Floor(index10), lower90 = (long)Math.Floor(index90);
        Span<long> k = [lower10, lower10 + 1, lower90, lower90 + 1];
        Span<int> value = stackalloc int[4];
        if (lower90 >= lower10 + 1)
            KthAscending(histogram, k, value, -255);
        else
        {
            // fewer than 3 values: the two pairs overlap
            KthAscending(histogram, k[..2], value[..2], -255);
            KthAscending(histogram, k[2..], value[2..], -255);
        }
        // beyond the last value (k ≥ n) the lower neighbour is used, as np.percentile does at the top
        double a10 = value[0], b10 = lower10 + 1 < n ? value[1] : a10;
        double a90 = value[2], b90 = lower90 + 1 < n ? value[3] : a90;
        p10 = Lerp(a10, b10, index10 - lower10);
        p90 = Lerp(a90, b90, index90 - lower90);
    }

    // numpy's _lerp: a + (b − a)·t, or b − (b − a)·(1 − t) for t ≥ 0.5
    private static double Lerp(double a, double b, double gamma)
    {
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /// <summary>The <paramref name="k"/>-th smallest values (ascending <paramref name="k"/>, 0-based) of the histogram's values, in one walk.</summary>
    private static void KthAscending(ReadOnlySpan<int> histogram, ReadOnlySpan<long> k, Span<int> values, int offset)
    {
        long seen = 0;
        int next = 0;
        for (int v = 0; v < histogram.Length && next < k.Length; v++)
        {
            seen += histogram[v];
            while (next < k.Length && seen > k[next])
                values[next++] = v + offset;
        }
        while (next < k.Length)
            values[next++] = histogram.Length - 1 + offset;
    }
}
