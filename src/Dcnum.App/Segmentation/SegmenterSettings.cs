using Dcnum.Meta;

namespace Dcnum.Segmentation;

/// <summary>
/// Keyword arguments of the threshold segmenter's algorithm.
/// dcnum counterpart: <c>SegmentThresh.segment_algorithm(images, *, thresh=-6)</c>.
/// </summary>
public sealed record SegmenterSettings
{
    /// <summary>dcnum's kwonly names of <c>segment_algorithm</c>, in declaration order.</summary>
    public static readonly IReadOnlyList<string> KwargNames = ["thresh"];

    private static readonly string[] s_abbreviations = PpidText.UniquePrefixes(KwargNames);

    public static SegmenterSettings Default { get; } = new();

    /// <summary>Mask = image_corr − bg_off &lt; Thresh; dcnum asserts a negative value.</summary>
    public double Thresh { get; init; } = -6;

    /// <summary>Throws if dcnum would refuse these settings (<c>assert thresh &lt; 0</c>).</summary>
    public SegmenterSettings Validated()
    {
        // dcnum: assert thresh < 0 (NaN fails too); -inf cannot be printed into a PPID (int(-inf))
        if (!(Thresh < 0) || double.IsInfinity(Thresh))
            throw new ArgumentOutOfRangeException(nameof(Thresh), Thresh,
                "thresh must be a finite negative number (dcnum: threshold values above zero not supported)");
        return this;
    }

    /// <summary>The kwargs part of the segmenter PPID, e.g. <c>t=-6</c>.</summary>
    public string PpidKwargs => s_abbreviations[0] + "=" + PpidText.Float(Thresh);
}
