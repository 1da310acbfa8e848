using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Segmentation.Torch.Model;
using Dcnum.Segmentation.Torch.Network;
using Dcnum.Segmentation.Torch.TorchScript;

namespace Dcnum.Segmentation.Torch;

/// <summary>
/// A model file ready to segment with: the checked <see cref="DcnmFile"/> and, for v1, the network
/// read from its TorchScript archive.
/// dcnum counterpart: <c>segm_torch.torch_model.load_model</c>.
/// </summary>
internal sealed class TorchModel
{
    public required DcnmFile File { get; init; }
    /// <summary>The v1 network; null for a v2 (torch.export) file.</summary>
    public UNetSpec? Network { get; init; }
    /// <summary>The v2 program (read by <see cref="Export.DcnmV2File"/>); null for a v1 file.</summary>
    public Export.DcnmV2File? Export { get; init; }

    public ModelMeta Meta => File.Meta;

    /// <summary>Finds (<see cref="DcnmFile.Resolve"/>), checks and loads a model; problems are one-line <see cref="DcnumException"/>s.</summary>
    public static TorchModel Load(string modelFile)
    {
        DcnmFile file = DcnmFile.Open(DcnmFile.Resolve(modelFile));
        if (file.Format != DcnmFormat.TorchScript)
            return new TorchModel { File = file, Export = file.Export };
        try
        {
            var archive = TorchScriptArchive.Open(file.Bytes);
            UNetSpec network = TunableUNetReader.Read(archive);
            var (h, w) = file.Meta.ImageShape;
            if (h % (1 << network.Depth) != 0 || w % (1 << network.Depth) != 0)
                throw new InvalidDataException($"image_shape {h}×{w} is not a multiple of 2^{network.Depth} (the network's depth)");
            return new TorchModel { File = file, Network = network };
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidCastException or NullReferenceException or IndexOutOfRangeException
            or ArgumentException or KeyNotFoundException or OverflowException or FormatException or IOException)
        {
            // a malformed archive (a value of the wrong type in data.pkl, say) is the file's problem, never a crash
            throw DcnumException.ForFile(file.Path, $"cannot be used: {ex.Message.TrimEnd('.')}", ex);
        }
    }

    /// <summary>
    /// The checks before a run: the segmenter's model format, then the meta's validation rules
    /// against the input (unless skipped). dcnum: <c>validate_applicability</c>.
    /// </summary>
    public void CheckApplicable(string code, RtdcFile input, bool skipValidation)
    {
        string required = code == "torchuni" ? "2.0" : "1.0";
        if (File.FormatVersion != required)
            throw DcnumException.ForFile(File.Path, $"is a v{File.FormatVersion[0]} model ({(File.Format == DcnmFormat.TorchScript ? "TorchScript" : "torch.export")}); "
                + $"'{code}' needs format {required} ({(required == "1.0" ? "use -s torchuni" : "use -s torchmpo or torchsto")})");
        if (skipValidation)
            return;
        List<string> reasons;
        try
        {
            reasons = ModelValidation.Reasons(Meta, File.Path, input.Attributes, input.Logs);
        }
        catch (ArgumentException ex)
        {
            throw DcnumException.ForFile(File.Path, $"has an invalid validation rule ({ex.Message.TrimEnd('.')})", ex);
        }
        if (reasons.Count > 0)
            throw DcnumException.ForFile(input.Path, $"cannot be segmented with '{code}': {string.Join(", ", reasons)} (model {File.FileName}; --skip-validation runs it anyway)");
    }
}
