using System.Globalization;
using Dcnum.Common;
using Dcnum.Read;

namespace Dcnum.Background;

/// <summary>
/// Sparse median background: one median image every <c>split_time</c> seconds over
/// <c>kernel_size</c> frames, images that contain cells removed by cleansing, each frame mapped to
/// the nearest kept image, and a per-frame brightness offset.
/// dcnum counterpart: <c>feat.feat_background.bg_sparse_median.BackgroundSparseMed</c>.
/// </summary>
public static class SparseMedianBackground
{
    public const int OffsetRows = 20;

    /// <param name="offsetsFromFrames">
    /// Leave bg_off to <see cref="SparseMedianResult.FrameOffset"/> (the job's loader reads every
    /// frame anyway) instead of reading the whole file once more here.
    /// </param>
    /// <param name="parallelism">Threads for the per-pixel medians (the job's CPU count; nothing else runs yet).</param>
    public static SparseMedianResult Compute(RtdcFile file, SparseMedSettings settings, bool offsetsFromFrames = false, int parallelism = 1)
    {
        settings = settings.Validated();
        file.RequireImages();
        var (height, width) = file.ImageShape!.Value;
        int frames = checked((int)file.FeatureLength("image"));
        if (frames == 0)
            throw DcnumException.ForFile(file.Path, "no frames (events/image is empty)");
        var log = new List<string>();
        int kernel = settings.KernelSize;
        if (kernel > frames)
        {
            log.Add($"WARNING: The kernel size {kernel} is too large for input data size {frames}. Setting it to input data size!");
            kernel = frames;
        }
        double[] time = TimeAxis.For(file, frames, out string? note);
        if (note is not null)
            log.Add(note);
        int frameSize = height * width;

        // Background series: one image per split_time (np.arange(0, duration, split_time)).
        double duration = time[frames - 1] - time[0];
        int steps = (int)Math.Ceiling(duration / settings.SplitTime);
        // A single instant (e.g. one frame) gives dcnum an empty series and a crash; we use one image.
        steps = Math.Max(steps, 1);
        var stepTimes = new double[steps];
        for (int i = 0; i < steps; i++)
            stepTimes[i] = i * settings.SplitTime;
        var images = new byte[steps * frameSize];
        var window = new byte[kernel * frameSize];
        for (int i = 0; i < steps; i++)
        {
            int start = ArgMinAbs(time, stepTimes[i], 0.0);
            int stop = start + kernel;
            if (stop >= frames)
            {
                stop = frames;
                start = Math.Max(0, stop - kernel);
            }
            file.ReadFeatureRows<byte>("image", start, kernel, window);
            MedianKernels.UpperMedian(window, kernel, frameSize, images, i * frameSize, parallelism);
        }

        bool[] used = settings.FracCleansing != 1
            ? Cleanse(images, steps, height, width, settings, log)
            : Enumerable.Repeat(true, steps).ToArray();
        if (settings.FracCleansing == 1)
            log.Add("Background series cleansing disabled");
        int kept = used.Count(u => u);
        var keptTimes = new double[kept];
        var keptImages = new byte[kept * frameSize];
        for (int i = 0, k = 0; i < steps; i++)
        {
            if (!used[i])
                continue;
            keptTimes[k] = stepTimes[i];
            images.AsSpan(i * frameSize, frameSize).CopyTo(keptImages.AsSpan(k * frameSize));
            k++;
        }

        // Each frame gets the image whose half-split boundary it falls before.
        var mapping = new long[frames];
        int idx0 = 0, idx1 = -1, last = 0;
        for (int ii = 0; ii < kept; ii++)
        {
            idx1 = ArgMinAbs(time, keptTimes[ii], settings.SplitTime / 2);
            for (int f = idx0; f < idx1; f++)
                mapping[f] = ii;
            idx0 = idx1;
            last = ii;
        }
        if (idx1 >= 0)
        {
            for (int f = idx1; f < frames; f++)
                mapping[f] = last;
        }

        double[]? bgOff = null, topMeans = null;
        if (settings.OffsetCorrection)
        {
            log.Add("Computing offset correction");
            topMeans = new double[kept];
            for (int m = 0; m < kept; m++)
                topMeans[m] = TopMean(keptImages.AsSpan(m * frameSize, frameSize), height, width);
            if (!offsetsFromFrames)
                bgOff = OffsetCorrection(file, topMeans, mapping, frames, height, width);
        }
        return new SparseMedianResult
        {
            Height = height,
            Width = width,
            Images = keptImages,
            ImageCount = kept,
            Mapping = mapping,
            BgOff = bgOff,
            ImageTopMeans = topMeans,
            Ppid = settings.Ppid,
            Log = log,
        };
    }

    /// <summary>
    /// np.argmin(np.abs(time − t − shift)): the first index of the smallest distance; numpy's
    /// argmin returns the first NaN when there is one (a NaN time stamp wins every search).
    /// </summary>
    private static int ArgMinAbs(double[] time, double t, double shift)
    {
        int best = 0;
        double bestValue = double.PositiveInfinity;
        for (int i = 0; i < time.Length; i++)
        {
            double d = Math.Abs(time[i] - t - shift);
            if (double.IsNaN(d))
                return i;
            if (d < bestValue)
            {
                bestValue = d;
                best = i;
            }
        }
        return best;
    }

    /// <summary>
    /// Finds background images that contain cells: the peak-to-peak profile across the channel,
    /// relative to the median profile, averaged over the channel centre, minus its running median;
    /// the most deviant images are dropped (a fixed fraction by default).
    /// </summary>
    private static bool[] Cleanse(byte[] images, int count, int height, int width, SparseMedSettings s, List<string> log)
    {
        // bg_prof = np.ptp(bg_images, axis=2): per image and row, max − min along the channel.
        var profile = new double[count * height];
        for (int m = 0; m < count; m++)
        {
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<byte> row = images.AsSpan((m * height + y) * width, width);
                byte min = 255, max = 0;
                foreach (byte v in row)
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
                profile[m * height + y] = max - min;
            }
        }
        var column = new double[count];
        var medianProfile = new double[height];
        for (int y = 0; y < height; y++)
        {
            for (int m = 0; m < count; m++)
                column[m] = profile[m * height + y];
            medianProfile[y] = NumpyStats.Median(column);
        }
        // Centre band of the profile (dcnum calls this axis "width"; it is the image height).
        int spread = Math.Max(20, height / 4);
        int from = PythonSliceIndex(height / 2 - spread, height), to = PythonSliceIndex(height / 2 + spread, height);
        var centre = new double[count];
        var band = new double[Math.Max(0, to - from)];
        for (int m = 0; m < count; m++)
        {
            for (int y = from; y < to; y++)
                band[y - from] = profile[m * height + y] - medianProfile[y];
            centre[m] = band.Length == 0 ? double.NaN : NumpyStats.Mean(band);
        }
        double[] baseline = NumpyStats.MedianFilterReflect(centre, 10);
        var x = new double[count];
        for (int m = 0; m < count; m++)
            x[m] = centre[m] - baseline[m];
        double medianX = NumpyStats.Median(x);
        var reference = new double[count];
        for (int m = 0; m < count; m++)
            reference[m] = Math.Abs(x[m] - medianX);
        double threshFactor = NumpyStats.Variance(reference) * 150;
        double thresh = s.ThreshCleansing != 0 ? threshFactor / s.ThreshCleansing : NumpyStats.Quantile(reference, s.FracCleansing);
        bool[] used = Select(reference, thresh, out double fracRemove);
        if (s.ThreshCleansing != 0 && 1 - fracRemove < s.FracCleansing)
        {
            double userFrac = fracRemove;
            thresh = NumpyStats.Quantile(reference, s.FracCleansing);
            used = Select(reference, thresh, out fracRemove);
            log.Add($"WARNING: {userFrac.ToString("P1", CultureInfo.InvariantCulture)} of the background images would be removed with the current "
                + "settings, so we enforce `frac_cleansing`. To avoid this warning, try decreasing `thresh_cleansing` or `frac_cleansing`. "
                + $"The new threshold is {(threshFactor / thresh).ToString("R", CultureInfo.InvariantCulture)}.");
        }
        log.Add($"Cleansed {(fracRemove * 100).ToString("0.00", CultureInfo.InvariantCulture)}%");
        return used;
    }

    private static bool[] Select(double[] reference, double thresh, out double fracRemove)
    {
        var used = new bool[reference.Length];
        int removed = 0;
        for (int i = 0; i < used.Length; i++)
        {
            used[i] = reference[i] <= thresh;
            removed += used[i] ? 0 : 1;
        }
        fracRemove = (double)removed / used.Length;
        return used;
    }

    private static int PythonSliceIndex(int index, int length)
    {
        if (index < 0)
            index = Math.Max(0, index + length);
        return Math.Min(index, length);
    }

    /// <summary>bg_off = mean(frame rows 0–19) − mean(its background's rows 0–19); exact (integer sums).</summary>
    private static double[] OffsetCorrection(RtdcFile file, double[] topMeans, long[] mapping, int frames, int height, int width)
    {
        var bgOff = new double[frames];
        const int block = 100;
        var buffer = new byte[block * height * width];
        for (int start = 0; start < frames; start += block)
        {
            int k = Math.Min(block, frames - start);
            file.ReadFeatureRows<byte>("image", start, k, buffer.AsSpan(0, k * height * width));
            for (int j = 0; j < k; j++)
                bgOff[start + j] = TopMean(buffer.AsSpan(j * height * width, height * width), height, width) - topMeans[mapping[start + j]];
        }
        return bgOff;
    }

    /// <summary>The mean of an image's top 20 rows (exact: an integer sum divided once).</summary>
    internal static double TopMean(ReadOnlySpan<byte> image, int height, int width)
    {
        int rows = Math.Min(OffsetRows, height);
        return Sum(image[..(rows * width)]) / (double)(rows * width);
    }

    private static double Sum(ReadOnlySpan<byte> values)
    {
        long sum = 0;
        foreach (byte v in values)
            sum += v;
        return sum;
    }
}
