using Dcnum.Meta;

namespace Dcnum.Segmentation;

/// <summary>
/// The segmenter and the keyword arguments of its algorithm.
/// dcnum counterparts: <c>SegmentThresh.segment_algorithm(images, *, thresh=-6)</c>,
/// <c>SegmentTorchMPO/STO/UNI.segment_algorithm(images, *, model_file)</c>.
/// </summary>
public sealed record SegmenterSettings
{
    /// <summary>dcnum's kwonly names of thresh's <c>segment_algorithm</c>, in declaration order.</summary>
    public static readonly IReadOnlyList<string> KwargNames = ["thresh"];

    /// <summary>The torch segmenters' kwonly names.</summary>
    public static readonly IReadOnlyList<string> TorchKwargNames = ["model_file"];

    /// <summary>The segmenters that run a model file (dcnum's torch segmenters).</summary>
    public static readonly IReadOnlyList<string> TorchCodes = ["torchmpo", "torchsto", "torchuni"];

    private static readonly string[] s_abbreviations = PpidText.UniquePrefixes(KwargNames);
    private static readonly string[] s_torchAbbreviations = PpidText.UniquePrefixes(TorchKwargNames);

    public static SegmenterSettings Default { get; } = new();

    /// <summary>PPID code: thresh, torchmpo, torchsto or torchuni.</summary>
    public string Code { get; init; } = ThresholdSegmenter.Code;

    /// <summary>True for the model-based segmenters.</summary>
    public bool IsTorch => TorchCodes.Contains(Code);

    /// <summary>The kwarg names of this segmenter's algorithm.</summary>
    public IReadOnlyList<string> Kwargs => IsTorch ? TorchKwargNames : KwargNames;

    /// <summary>Torch segmenters: the model file as given (a path, or a bare name looked up by <c>DcnmFile.Resolve</c>).</summary>
    public string? ModelFile { get; init; }

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

    /// <summary>The kwargs part of the segmenter PPID, e.g. <c>t=-6</c>, or <c>m=model_g1_910c2.dcnm</c> (dcnum keeps only the file name).</summary>
    public string PpidKwargs => IsTorch
        ? s_torchAbbreviations[0] + "=" + Path.GetFileName(ModelFile ?? "")
        : s_abbreviations[0] + "=" + PpidText.Float(Thresh);

    /// <summary>The segmenter part of the PPID, e.g. <c>torchmpo:m=unet_910c2.dcnm:cle=1^f=1^clo=0</c>.</summary>
    public string Ppid(MaskSettings mask) => Code + ":" + PpidKwargs + ":" + mask.PpidKwargs;
}
