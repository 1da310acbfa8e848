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
    /// of <paramref name="mask"/>'s box are read, in raster order (so the double sums add in the
    /// same order as over the frame). <paramref name="histogram"/> needs 511 bins.
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> image, ReadOnlySpan<short> imageCorr, int width,
        EventMask mask, double? bgOff, double bgMedian, Span<int> histogram, Span<double> values)
    {
        int rows = mask.Rows, cols = mask.Cols;
        long n = 0, sumRaw = 0, sumCorr = 0;
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<bool> m = mask.Row(y);
            int at = (mask.Top + y) * width + mask.Left;
            ReadOnlySpan<byte> raw = image.Slice(at, cols);
            ReadOnlySpan<short> corr = imageCorr.Slice(at, cols);
            for (int x = 0; x < m.Length; x++)
            {
                if (!m[x])
                    continue;
                n++;
                sumRaw += raw[x];
                sumCorr += corr[x];
            }
        }
        double meanRaw = (double)sumRaw / n, meanCorr = (double)sumCorr / n;
        double ssRaw = 0, ssCorr = 0;
        // image_corr spans −255…255: a histogram gives exact percentiles without sorting.
        histogram = histogram[..511];
        histogram.Clear();
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<bool> m = mask.Row(y);
            int at = (mask.Top + y) * width + mask.Left;
            ReadOnlySpan<byte> raw = image.Slice(at, cols);
            ReadOnlySpan<short> corr = imageCorr.Slice(at, cols);
            for (int x = 0; x < m.Length; x++)
            {
                if (!m[x])
                    continue;
                double dr = raw[x] - meanRaw, dc = corr[x] - meanCorr;
                ssRaw += dr * dr;
                ssCorr += dc * dc;
                histogram[corr[x] + 255]++;
            }
        }
        double off = bgOff ?? 0;
        values[0] = bgMedian + off;
        values[1] = meanRaw;
        values[2] = meanCorr - off;
        values[3] = Math.Sqrt(ssCorr / n);
        values[4] = Percentile(histogram, n, 10) - off;
        values[5] = Percentile(histogram, n, 90) - off;
        values[6] = Math.Sqrt(ssRaw / n);
    }

    /// <summary>np.median of a whole uint8 image (mean of the two middle values for even sizes).</summary>
    public static double Median(ReadOnlySpan<byte> image, Span<int> histogram256)
    {
        // Four partial histograms: consecutive equal pixels (the background is smooth) would
        // otherwise wait on each other's increment of the same bin.
        Span<int> partial = stackalloc int[4 * 256];
        partial.Clear();
        int i = 0;
        for (; i + 4 <= image.Length; i += 4)
        {
            partial[image[i]]++;
            partial[256 + image[i + 1]]++;
            partial[512 + image[i + 2]]++;
            partial[768 + image[i + 3]]++;
        }
        for (; i < image.Length; i++)
            partial[image[i]]++;
        Span<int> histogram = histogram256[..256];
        for (int v = 0; v < 256; v++)
            histogram[v] = partial[v] + partial[256 + v] + partial[512 + v] + partial[768 + v];
        int n = image.Length;
        return (Kth(histogram, (n - 1) / 2, 0) + Kth(histogram, n / 2, 0)) / 2.0;
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

/// <summary>
/// The background median of consecutive frames, recomputed only when the background's pixels
/// change: sparsemed gives many frames the same background image, and comparing two frames costs
/// far less than a histogram. One instance per worker.
/// </summary>
public sealed class BackgroundMedian
{
    private byte[] _last = [];
    private bool _known;
    private double _median;
    private readonly int[] _histogram = new int[256];

    public double Of(ReadOnlySpan<byte> imageBg)
    {
        if (_known && _last.Length == imageBg.Length && imageBg.SequenceEqual(_last))
            return _median;
        _median = BrightnessFeatures.Median(imageBg, _histogram);
        if (_last.Length != imageBg.Length)
            _last = new byte[imageBg.Length];
        imageBg.CopyTo(_last);
        _known = true;
        return _median;
    }
}
