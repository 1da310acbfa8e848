using Dcnum.Read;

namespace Dcnum.Background;

/// <summary>
/// Does the illumination flicker from frame to frame? chipstream-cli asks this when the user does
/// not set sparsemed's <c>offset_correction</c>, and sets it to the answer.
/// dcnum counterpart: <c>dcnum.read.detect_flicker.detect_flickering</c>.
/// </summary>
public static class FlickerDetection
{
    public const int DefaultRoiHeight = 10;
    public const double DefaultBrightnessThreshold = 2.5;
    public const int DefaultCountThreshold = 5;
    public const int DefaultMaxFrames = 1000;

    /// <summary>Reads the first <paramref name="maxFrames"/> frames of <c>events/image</c> and decides.</summary>
    public static bool Detect(RtdcFile file, int roiHeight = DefaultRoiHeight, double brightnessThreshold = DefaultBrightnessThreshold,
        int countThreshold = DefaultCountThreshold, int maxFrames = DefaultMaxFrames)
    {
        var image = file.InnateDataset("image");
        ulong[] dims = image.Space.Dimensions;
        int frames = (int)Math.Min((ulong)maxFrames, dims[0]);
        int height = (int)dims[1], width = (int)dims[2];
        var medians = new double[frames];
        const int block = 100;
        var buffer = new byte[block * height * width];
        for (int start = 0; start < frames; start += block)
        {
            int count = Math.Min(block, frames - start);
            RtdcFile.ReadRows<byte>(image, start, count, buffer.AsSpan(0, count * height * width));
            for (int k = 0; k < count; k++)
                medians[start + k] = RoiMedian(buffer.AsSpan(k * height * width, height * width), height, width, roiHeight);
        }
        return Decide(medians, brightnessThreshold, countThreshold);
    }

    /// <summary>numpy's median of the top <paramref name="roiHeight"/> rows of one frame (mean of the two middle values for an even count).</summary>
    public static double RoiMedian(ReadOnlySpan<byte> frame, int height, int width, int roiHeight)
    {
        int rows = Math.Min(roiHeight, height); // numpy slicing clips
        ReadOnlySpan<byte> roi = frame[..(rows * width)];
        if (roi.IsEmpty)
            return double.NaN;
        Span<int> histogram = stackalloc int[256];
        return Features.Brightness.BrightnessFeatures.Median(roi, histogram);
    }

    /// <summary>The decision on the per-frame ROI medians.</summary>
    public static bool Decide(ReadOnlySpan<double> roiMedians, double brightnessThreshold, int countThreshold)
    {
        if (roiMedians.IsEmpty)
            return countThreshold <= 0;
        double median = NumpyStats.Median(roiMedians);
        double threshold = Math.Abs(brightnessThreshold);
        int events = 0;
        foreach (double m in roiMedians)
        {
            if (Math.Abs(m - median) >= threshold)
                events++;
        }
        return events >= countThreshold;
    }
}
