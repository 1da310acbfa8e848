namespace Dcnum.Tests.Features.Reference;

/// <summary>
/// The full-frame kernels as they were before the per-event work moved to bounding boxes
/// (commit 4746eae), kept verbatim as the yardstick of <see cref="BoundingBoxParityTest"/>:
/// the size gate, the mask, OpenCV's border following and the brightness features, each over
/// the whole H×W frame.
/// </summary>
internal static class ReferenceKernels
{
    public static int KeptLabels(ReadOnlySpan<ushort> labels, int maxLabel, int sizeThreshMask, Span<int> counts, Span<ushort> kept, Span<int> keptSizes)
    {
        counts = counts[..(maxLabel + 1)];
        counts.Clear();
        foreach (ushort l in labels)
        {
            if (l <= maxLabel)
                counts[l]++;
        }
        int n = 0;
        for (int l = 1; l <= maxLabel; l++)
        {
            int size = counts[l];
            if (size != 0 && size > sizeThreshMask)
            {
                kept[n] = (ushort)l;
                keptSizes[n] = size;
                n++;
            }
        }
        return n;
    }

    public static void ExtractMask(ReadOnlySpan<ushort> labels, ushort label, Span<bool> mask)
    {
        for (int i = 0; i < labels.Length; i++)
            mask[i] = labels[i] == label;
    }

    private static ReadOnlySpan<int> Dx => [1, 1, 0, -1, -1, -1, 0, 1];
    private static ReadOnlySpan<int> Dy => [0, -1, -1, -1, 0, 1, 1, 1];

    public static int Trace(ReadOnlySpan<bool> mask, int height, int width, ref int[] points)
    {
        int start = mask.IndexOf(true);
        if (start < 0)
            return 0;
        int x0 = start % width, y0 = start / width;
        int count = 0;
        int s = 4;
        int x1 = 0, y1 = 0;
        bool found = false;
        for (int k = 0; k < 7; k++)
        {
            s = (s - 1) & 7;
            int nx = x0 + Dx[s], ny = y0 + Dy[s];
            if (IsSet(mask, height, width, nx, ny))
            {
                x1 = nx;
                y1 = ny;
                found = true;
                break;
            }
        }
        if (!found)
        {
            Append(ref points, ref count, x0, y0);
            return count;
        }
        int x3 = x0, y3 = y0;
        while (true)
        {
            int x4 = 0, y4 = 0;
            for (int k = 0; k < 8; k++)
            {
                s = (s + 1) & 7;
                int nx = x3 + Dx[s], ny = y3 + Dy[s];
                if (IsSet(mask, height, width, nx, ny))
                {
                    x4 = nx;
                    y4 = ny;
                    break;
                }
            }
            Append(ref points, ref count, x3, y3);
            if (x4 == x0 && y4 == y0 && x3 == x1 && y3 == y1)
                break;
            x3 = x4;
            y3 = y4;
            s = (s + 4) & 7;
        }
        return count;
    }

    private static bool IsSet(ReadOnlySpan<bool> mask, int height, int width, int x, int y)
        => (uint)x < (uint)width && (uint)y < (uint)height && mask[y * width + x];

    private static void Append(ref int[] points, ref int count, int x, int y)
    {
        if (2 * count + 2 > points.Length)
            Array.Resize(ref points, Math.Max(64, points.Length * 2));
        points[2 * count] = x;
        points[2 * count + 1] = y;
        count++;
    }

    public static void Brightness(ReadOnlySpan<byte> image, ReadOnlySpan<short> imageCorr,
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
    }

    public static double Median(ReadOnlySpan<byte> image, Span<int> histogram256)
    {
        histogram256[..256].Clear();
        foreach (byte v in image)
            histogram256[v]++;
        int n = image.Length;
        return (Kth(histogram256, (n - 1) / 2, 0) + Kth(histogram256, n / 2, 0)) / 2.0;
    }

    private static double Percentile(ReadOnlySpan<int> histogram, long n, double q)
    {
        double index = (n - 1) * (q / 100.0);
        long lower = (long)Math.Floor(index);
        double gamma = index - lower;
        double a = Kth(histogram, lower, -255);
        double b = lower + 1 < n ? Kth(histogram, lower + 1, -255) : a;
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
