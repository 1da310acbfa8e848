using Dcnum.Common;
using Dcnum.Read;

namespace Dcnum.Background;

/// <summary>
/// The background already in the input: <c>image_bg</c> (innate or from a basin) and <c>bg_off</c>
/// if present. dcnum counterpart: <c>feat.feat_background.bg_copy.BackgroundCopy</c> (PPID <c>copy:</c>).
/// </summary>
public static class CopyBackground
{
    public const string Ppid = "copy:";

    /// <summary>Fails with one line when the input has no background to copy.</summary>
    public static void Validate(RtdcFile file)
    {
        if (!file.HasFeature("image_bg"))
            throw DcnumException.ForFile(file.Path, "background method 'copy' needs image_bg in the input, and there is none");
    }

    /// <summary>Streams the input's per-frame background images in chunks.</summary>
    public static void Compute(RtdcFile file, BackgroundSink sink)
    {
        Validate(file);
        var (height, width) = file.ImageShape!.Value;
        long frames = file.FeatureLength("image_bg");
        int size = height * width;
        var buffer = new byte[RollingMedianBackground.OutputChunk * size];
        for (long start = 0; start < frames; start += RollingMedianBackground.OutputChunk)
        {
            int n = (int)Math.Min(RollingMedianBackground.OutputChunk, frames - start);
            file.ReadFeatureRows<byte>("image_bg", start, n, buffer.AsSpan(0, n * size));
            sink(start, buffer.AsSpan(0, n * size), n);
        }
    }

    /// <summary>The input's bg_off, or null if it has none.</summary>
    public static double[]? BgOff(RtdcFile file) => file.HasFeature("bg_off") ? file.ReadScalar("bg_off") : null;
}
