using System.Globalization;
using Dcnum.Background;
using Dcnum.Cli;
using Dcnum.Common;
using Dcnum.Features;
using Dcnum.Labels;
using Dcnum.Meta;
using Dcnum.Read;
using Dcnum.Segmentation;

namespace Dcnum.Job;

/// <summary>
/// One processing job, resolved from the options and the input file: every stage's settings, the
/// pipeline identifiers (generation 13) and hash, output path and basin strategy.
/// dcnum counterpart: <c>logic.job.DCNumPipelineJob</c> (+ chipstream-cli's defaults).
/// </summary>
public sealed class PipelineJob
{
    public required string PathIn { get; init; }
    public required string PathOut { get; init; }
    public required double PixelSize { get; init; }
    public required string BackgroundCode { get; init; }
    public SparseMedSettings? SparseMed { get; init; }
    public RollMedSettings? RollMed { get; init; }
    public required SegmenterSettings Segmenter { get; init; }
    /// <summary>Torch segmenters: the loaded model (null for thresh).</summary>
    internal Segmentation.Torch.TorchModel? Model { get; init; }
    /// <summary><c>--skip-validation</c>: the model's validation rules were not checked (logged).</summary>
    public bool SkipValidation { get; init; }
    public required MaskSettings Mask { get; init; }
    public required FeatureSettings Features { get; init; }
    public required GateSettings Gate { get; init; }
    public required bool Drain { get; init; }
    public required string Compression { get; init; }
    public required int NumCpus { get; init; }
    public bool Force { get; init; }
    /// <summary>The frames to process (<c>--limit-events</c>); all frames by default.</summary>
    public required FrameSelection Frames { get; init; }

    public string DataPpid => $"hdf:p={FormatPixelSize(PixelSize)}^i={Frames.PpidPart}";
    public string BackgroundPpid => BackgroundCode switch
    {
        "sparsemed" => SparseMed!.Ppid,
        "rollmed" => RollMed!.Ppid,
        _ => CopyBackground.Ppid,
    };
    public string SegmenterPpid => Segmenter.Ppid(Mask);
    public string FeaturePpid => Features.Ppid;
    public string GatePpid => Gate.Ppid;
    public string FullPpid => string.Join('|', PpidGeneration.Value, DataPpid, BackgroundPpid, SegmenterPpid, FeaturePpid, GatePpid);
    /// <summary>MD5 of the full PPID (dcnum's <c>compute_pipeline_hash</c>).</summary>
    public string Hash => Md5.HexOf(FullPpid);

    /// <summary>dcnum: <c>f"{p:.8f}"</c> with trailing zeros stripped (1.0 → "1.", a dcnum quirk kept for identical IDs).</summary>
    public static string FormatPixelSize(double pixelSize)
        => pixelSize.ToString("F8", CultureInfo.InvariantCulture).TrimEnd('0');

    /// <summary>Resolves a job from the command-line options; reads the input's metadata (and its first frames for flicker detection).</summary>
    public static PipelineJob From(ProcessOptions o, RtdcFile input)
    {
        input.RequireImages();
        // dcnum: the background is computed from every input frame; only segmentation and
        // feature extraction see the selection (HDF5Data's index_mapping).
        FrameSelection frames = FrameSelection.From(o.LimitEvents, input.FeatureLength("image"), input.Path);
        double pixelSize = o.PixelSize != 0 ? o.PixelSize : PixelSizeOf(input);
        if (!(pixelSize > 0))
            throw DcnumException.ForFile(input.Path, "the pixel size is unknown (imaging:pixel size missing or 0); give it with -p");
        pixelSize = double.Parse(pixelSize.ToString("F8", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture); // dcnum rounds to 8 decimals
        var (segmenter, mask) = SegmenterKwargs.Parse(o.SegmentationKwargs.Select(kv => $"{kv.Key}={kv.Value}"), o.SegmentationMethod);
        Segmentation.Torch.TorchModel? model = null;
        if (segmenter.IsTorch)
        {
            if (segmenter.ModelFile is null)
                throw new UsageException($"-s {segmenter.Code} needs a model: -ks model_file=PATH (a .dcnm file)");
            model = Segmentation.Torch.TorchModel.Load(segmenter.ModelFile);
            model.CheckApplicable(segmenter.Code, input, o.SkipValidation);
            if (segmenter.Code == "torchuni" && input.ImageShape is var (h, w) && (h, w) != model.Meta.ImageShape)
                throw DcnumException.ForFile(input.Path, $"frame shape {h}x{w} does not match the model's {model.Meta.ImageShape.Height}x{model.Meta.ImageShape.Width} "
                    + $"({model.File.FileName}; torchuni neither crops nor pads)");
        }
        SparseMedSettings? sparse = null;
        RollMedSettings? roll = null;
        switch (o.BackgroundMethod)
        {
            case "sparsemed":
                sparse = SparseMedSettings.Parse(o.BackgroundKwargs);
                // chipstream-cli: without an explicit offset_correction, ask whether the illumination flickers.
                if (!o.BackgroundKwargs.Any(kv => kv.Key == "offset_correction"))
                    sparse = sparse with { OffsetCorrection = FlickerDetection.Detect(input) };
                break;
            case "rollmed":
                roll = RollMedSettings.Parse(o.BackgroundKwargs);
                break;
            default:
                if (o.BackgroundKwargs.Count > 0)
                    throw new UsageException($"-kb {o.BackgroundKwargs[0].Key}: background method 'copy' takes no keyword arguments");
                CopyBackground.Validate(input);
                break;
        }
        return new PipelineJob
        {
            PathIn = Path.GetFullPath(o.PathIn),
            PathOut = Path.GetFullPath(o.PathOut ?? DefaultOutput(o.PathIn)),
            PixelSize = pixelSize,
            BackgroundCode = o.BackgroundMethod,
            SparseMed = sparse,
            RollMed = roll,
            Segmenter = segmenter,
            Model = model,
            SkipValidation = o.SkipValidation,
            Mask = mask,
            Features = FeatureSettings.Parse(o.FeatureKwargs),
            Gate = GateSettings.Parse(o.GateKwargs),
            Drain = o.DrainBasins,
            Compression = o.Compression,
            NumCpus = o.NumCpus,
            Force = o.Force,
            Frames = frames,
        };
    }

    /// <summary>chipstream-cli: <c>&lt;stem&gt;_dcn.rtdc</c> beside the input.</summary>
    public static string DefaultOutput(string pathIn)
        => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(pathIn)) ?? ".", Path.GetFileNameWithoutExtension(pathIn) + "_dcn.rtdc");

    /// <summary>
    /// The file's pixel size, with chipstream's correction for Rivercyte setups ("RC-…") whose
    /// recorded value is outside [0.255, 0.275]: from the camera named in the acquisition log.
    /// </summary>
    public static double PixelSizeOf(RtdcFile input)
    {
        double pixelSize = input.PixelSize;
        string id = input.AttributeText("setup:identifier") ?? "EMPTY";
        if (!id.StartsWith("RC-", StringComparison.Ordinal) || pixelSize is >= 0.255 and <= 0.275)
            return pixelSize;
        string device = "naiad 1.0"; // the older camera, when the log does not say
        if (input.Logs.TryGetValue("cytoshot-acquisition", out string[]? lines))
        {
            foreach (string line in lines)
            {
                string l = line.Trim().ToLowerInvariant();
                if (l.StartsWith("device name:", StringComparison.Ordinal))
                {
                    device = l.Split(':')[1].Trim();
                    break;
                }
            }
        }
        return device switch
        {
            "naiad 1.0" => 0.2645,
            "naiad 1.1" => 0.2675,
            _ => pixelSize,
        };
    }
}
