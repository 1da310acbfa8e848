namespace Dcnum.Background;

/// <summary>
/// numpy/scipy reductions with their exact floating-point behaviour, where dcnum's decisions depend
/// on the last bit (which background images cleansing drops).
/// </summary>
internal static class NumpyStats
{
    /// <summary>numpy's pairwise summation (8 accumulators below 128 elements, halves above).</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0.0; // numpy starts from -0.0 and adds; identical for our finite inputs
            for (int i = 0; i < n; i++)
                res += a[i];
            return res;
        }
        if (n <= 128)
        {
            double r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7];
            int i;
            for (i = 8; i < n - n % 8; i += 8)
            {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3];
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++)
                res += a[i];
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return PairwiseSum(a[..half]) + PairwiseSum(a[half..]);
    }

    public static double Mean(ReadOnlySpan<double> a) => PairwiseSum(a) / a.Length;

    /// <summary>np.var (ddof 0).</summary>
    public static double Variance(ReadOnlySpan<double> a)
    {
        double mean = Mean(a);
        var sq = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - mean;
            sq[i] = d * d;
        }
        return PairwiseSum(sq) / a.Length;
    }

    /// <summary>np.median: the middle value, or the mean of the two middle values.</summary>
    public static double Median(ReadOnlySpan<double> a)
    {
        double[] s = a.ToArray();
        Array.Sort(s);
        int n = s.Length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /// <summary>np.median of a uint8 image (mean of the two middle values for even sizes), from its histogram.</summary>
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
        return (Kth(histogram, (n - 1) / 2) + Kth(histogram, n / 2)) / 2.0;
    }

    /// <summary>The value of rank <paramref name="k"/> (0-based) in a histogram of values.</summary>
    private static int Kth(ReadOnlySpan<int> histogram, long k)
    {
        long seen = 0;
        for (int v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen > k)
                return v;
        }
        return histogram.Length - 1;
    }

    /// <summary>np.quantile(a, q) with the default 'linear' method (numpy ≥ 1.22: index (n−1)·q, numpy's _lerp).</summary>
    public static double Quantile(ReadOnlySpan<double> a, double q)
    {
        double[] s = a.ToArray();
        Array.Sort(s);
        int n = s.Length;
        double virtualIndex = (n - 1) * q;
        if (virtualIndex >= n - 1)
            return s[n - 1];
        if (virtualIndex < 0)
            return s[0];
        double previousIndex = Math.Floor(virtualIndex);
        int previous = (int)previousIndex;
        double below = s[previous], above = s[previous + 1];
        double gamma = virtualIndex - previousIndex;
        double diff = above - below;
        return gamma >= 0.5 ? above - diff * (1 - gamma) : below + diff * gamma;
    }

    /// <summary>
    /// scipy.ndimage.median_filter(a, size) on 1-D data, mode 'reflect' (d c b a | a b c d | d c b a):
    /// the value at sorted index size//2 of the window a[i − size//2 … i − size//2 + size − 1].
    /// </summary>
    public static double[] MedianFilterReflect(ReadOnlySpan<double> a, int size)
    {
        int n = a.Length;
        var result = new double[n];
        var window = new double[size];
        int origin = size / 2;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < size; j++)
                window[j] = a[Reflect(i - origin + j, n)];
            Array.Sort(window);
            result[i] = window[size / 2];
        }
        return result;
    }

    private static int Reflect(int index, int n)
    {
        int period = 2 * n;
        int m = index % period;
        if (m < 0)
            m += period;
        return m < n ? m : period - 1 - m;
    }
}
