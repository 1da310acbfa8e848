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

    /// <summary>Writes the 7 values in the order of <see cref="Names"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> image, ReadOnlySpan<byte> imageBg, ReadOnlySpan<short> imageCorr,
        ReadOnlySpan<bool> mask, double? bgOff, double bgMedian, Span<int> histogram, Span<double> values)
    {
        long n = 0, sumRaw = 0, sumCorr = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (!mask[i])
                continue;
            n++;
            sumRaw += image[i];
            sumCorr += imageCorr[i];
        }
        double meanRaw = (double)sumRaw / n, meanCorr = (double)sumCorr / n;
        double ssRaw = 0, ssCorr = 0;
        // image_corr spans −255…255: a histogram gives exact percentiles without sorting.
        histogram.Clear();
        for (int i = 0; i < mask.Length; i++)
        {
            if (!mask[i])
                continue;
            double dr = image[i] - meanRaw, dc = imageCorr[i] - meanCorr;
            ssRaw += dr * dr;
            ssCorr += dc * dc;
            histogram[imageCorr[i] + 255]++;
        }
        double off = bgOff ?? 0;
        values[0] = bgMedian + off;
        values[1] = meanRaw;
        values[2] = meanCorr - off;
        values[3] = Math.Sqrt(ssCorr / n);
        values[4] = Percentile(histogram, n, 10) - off;
        values[5] = Percentile(histogram, n, 90) - off;
        values[6] = Math.Sqrt(ssRaw / n);
        _ = imageBg;
    }

    /// <summary>np.median of a whole uint8 image (mean of the two middle values for even sizes).</summary>
    public static double Median(ReadOnlySpan<byte> image, Span<int> histogram256)
    {
        histogram256[..256].Clear();
        foreach (byte v in image)
            histogram256[v]++;
        int n = image.Length;
        return (Kth(histogram256, (n - 1) / 2, 0) + Kth(histogram256, n / 2, 0)) / 2.0;
    }

    /// <summary>np.percentile(values, q), linear: index (n−1)·q/100 between its neighbours.</summary>
    private static double Percentile(ReadOnlySpan<int> histogram, long n, double q)
    {
        double index = (n - 1) * (q / 100.0);
        long lower = (long)Math.Floor(index);
        double gamma = index - lower;
        double a = Kth(histogram, lower, -255);
        double b = lower + 1 < n ? Kth(histogram, lower + 1, -255) : a;
        // numpy's _lerp: a + (b − a)·t, or b − (b − a)·(1 − t) for t ≥ 0.5
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    private static int Kth(ReadOnlySpan<int> histogram, long k, int offset)
    {
        long seen = 0;
        for (int v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen > k)
                return v + offset;
        }
        return histogram.Length - 1 + offset;
    }
}
