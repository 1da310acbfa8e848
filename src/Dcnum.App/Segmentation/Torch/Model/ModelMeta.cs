using System.Globalization;
using System.Text.Json;
using Dcnum.Segmentation.Torch.Export;

namespace Dcnum.Segmentation.Torch.Model;

/// <summary>One item of the meta's <c>validation</c> list: a check of the input's metadata or logs.</summary>
/// <remarks><see cref="Values"/>: dcnum compares with np.allclose, so a list is allowed (every value must be close).</remarks>
internal sealed record ValidationRule(string Type, string Key, bool AllowMissingKey, string? Regexp, bool RegexpNegate, double[]? Values, string Reason);

/// <summary>
/// <c>dcnum_meta.json</c> of a model file: name, identifier, date, the v1 pre-processing
/// (normalisation and image shape) or the v2 image shape and batch size, and the validation rules.
/// The JSON is read by <see cref="DcnmMeta"/> (source-generated, no reflection).
/// </summary>
internal sealed record ModelMeta
{
    public string Name { get; init; } = "";
    public string Identifier { get; init; } = "";
    public string Date { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>"1.0" (TorchScript) or "2.0" (torch.export); dcnum's default when absent is "1.0".</summary>
    public string FormatVersion { get; init; } = "1.0";
    public double? NormMean { get; init; }
    public double? NormStd { get; init; }
    /// <summary>(height, width) the network expects.</summary>
    public (int Height, int Width) ImageShape { get; init; }
    /// <summary>v2: frames per call (dcnum's <c>required_batch_size</c>); 0 if not given.</summary>
    public int BatchSize { get; init; }
    public IReadOnlyList<ValidationRule> Validation { get; init; } = [];

    /// <summary>From the parsed JSON (<see cref="DcnmMeta"/>, shared with the v2 reader): v1 keeps the shape and normalisation under <c>preprocessing</c>.</summary>
    public static ModelMeta From(DcnmMeta meta)
    {
        int[]? shape = meta.Preprocessing?.ImageShape ?? meta.ImageShape;
        if (shape is not [> 0 and var h, > 0 and var w])
            throw new InvalidDataException("dcnum_meta.json has no valid image_shape [height, width]");
        var rules = new List<ValidationRule>();
        foreach (DcnmValidation v in meta.Validation)
        {
            double[]? values = v.Value is not { } value ? null
                : value.ValueKind == JsonValueKind.Number ? [value.GetDouble()]
                : value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number) ? value.EnumerateArray().Select(e => e.GetDouble()).ToArray()
                : throw new InvalidDataException($"validation rule for '{v.Key}' has a value that is not a number");
            rules.Add(new ValidationRule(v.Type ?? "", v.Key ?? "", v.AllowMissingKey, v.Regexp, v.RegexpNegate, values, v.Reason ?? "unknown reason"));
        }
        return new ModelMeta
        {
            Name = meta.Name ?? "",
            Identifier = meta.Identifier ?? "",
            Date = meta.Date ?? "",
            Description = meta.Description ?? "",
            FormatVersion = meta.FormatVersion ?? "1.0",
            NormMean = meta.Preprocessing?.NormMean,
            NormStd = meta.Preprocessing?.NormStd,
            ImageShape = (h, w),
            BatchSize = meta.BatchSize ?? 0,
            Validation = rules,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Identifier} ({Name})");
}
