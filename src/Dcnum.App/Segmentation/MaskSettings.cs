using Dcnum.Meta;

namespace Dcnum.Segmentation;

/// <summary>
/// Keyword arguments of label post-processing with the threshold segmenter's defaults.
/// dcnum counterpart: <c>Segmenter.process_labels(labels, *, clear_border, fill_holes, closing_disk)</c>
/// with <c>SegmentThresh.mask_default_kwargs</c> (True, True, 2; the signature's own default of 5 is
/// always overridden by the segmenter).
/// </summary>
public sealed record MaskSettings
{
    /// <summary>dcnum's kwonly names of <c>process_labels</c>, in declaration order.</summary>
    public static readonly IReadOnlyList<string> KwargNames = ["clear_border", "fill_holes", "closing_disk"];

    private static readonly string[] s_abbreviations = PpidText.UniquePrefixes(KwargNames);

    public static MaskSettings Default { get; } = new();

    /// <summary>The segmenter's defaults: thresh (True, True, 2); the torch segmenters (True, True, 0).</summary>
    public static MaskSettings DefaultFor(string segmenterCode)
        => segmenterCode == Segmentation.ThresholdSegmenter.Code ? Default : Default with { ClosingDisk = 0 };

    /// <summary>Remove every object that touches the outer frame.</summary>
    public bool ClearBorder { get; init; } = true;

    /// <summary>Fill holes (flood fill of the background from the top-left corner).</summary>
    public bool FillHoles { get; init; } = true;

    /// <summary>Radius of the disk for the "closing" (in fact erode, then dilate); 0 disables it.</summary>
    public int ClosingDisk { get; init; } = 2;

    /// <summary>Throws for a radius dcnum cannot use sensibly (negative).</summary>
    public MaskSettings Validated()
    {
        // dcnum: a negative radius gives an empty footprint (np.arange(r, -r+1)); refuse it
        if (ClosingDisk < 0)
            throw new ArgumentOutOfRangeException(nameof(ClosingDisk), ClosingDisk, "closing_disk must be >= 0");
        return this;
    }

    /// <summary>The mask part of the segmenter PPID, e.g. <c>cle=1^f=1^clo=2</c>.</summary>
    public string PpidKwargs
        => $"{s_abbreviations[0]}={PpidText.Bool(ClearBorder)}^{s_abbreviations[1]}={PpidText.Bool(FillHoles)}^{s_abbreviations[2]}={PpidText.Int(ClosingDisk)}";
}
