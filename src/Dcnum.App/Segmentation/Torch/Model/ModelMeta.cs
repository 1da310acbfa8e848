using System.Globalization;
using System.Text.Json;

namespace Dcnum.Segmentation.Torch.Model;

/// <summary>One item of the meta's <c>validation</c> list: a check of the input's metadata or logs.</summary>
internal sealed record ValidationRule(string Type, string Key, bool AllowMissingKey, string? Regexp, bool RegexpNegate, double? Value, string Reason);

/// <summary>
/// <c>dcnum_meta.json</c> of a model file: name, identifier, date, the v1 pre-processing
/// (normalisation and image shape) or the v2 image shape and batch size, and the validation rules.
/// Read with <see cref="JsonDocument"/> (no reflection).
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

    public static ModelMeta Parse(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException("dcnum_meta.json is not a JSON object");
        JsonElement shapeHolder = root;
        double? mean = null, std = null;
        if (root.TryGetProperty("preprocessing", out JsonElement pre) && pre.ValueKind == JsonValueKind.Object)
        {
            shapeHolder = pre;
            mean = pre.TryGetProperty("norm_mean", out JsonElement m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : null;
            std = pre.TryGetProperty("norm_std", out JsonElement s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null;
        }
        if (!shapeHolder.TryGetProperty("image_shape", out JsonElement shape) || shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() != 2
            || !shape[0].TryGetInt32(out int h) || !shape[1].TryGetInt32(out int w) || h <= 0 || w <= 0)
            throw new InvalidDataException("dcnum_meta.json has no valid image_shape [height, width]");
        var rules = new List<ValidationRule>();
        if (root.TryGetProperty("validation", out JsonElement validation) && validation.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in validation.EnumerateArray())
            {
                rules.Add(new ValidationRule(
                    Text(item, "type") ?? "",
                    Text(item, "key") ?? "",
                    item.TryGetProperty("allow-missing-key", out JsonElement allow) && allow.ValueKind == JsonValueKind.True,
                    Text(item, "regexp"),
                    item.TryGetProperty("regexp-negate", out JsonElement neg) && neg.ValueKind == JsonValueKind.True,
                    item.TryGetProperty("value", out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null,
                    Text(item, "reason") ?? "unknown reason"));
            }
        }
        return new ModelMeta
        {
            Name = Text(root, "name") ?? "",
            Identifier = Text(root, "identifier") ?? "",
            Date = Text(root, "date") ?? "",
            Description = Text(root, "description") ?? "",
            FormatVersion = Text(root, "format_version") ?? "1.0",
            NormMean = mean,
            NormStd = std,
            ImageShape = (h, w),
            BatchSize = root.TryGetProperty("batch_size", out JsonElement b) && b.TryGetInt32(out int bs) ? bs : 0,
            Validation = rules,
        };
    }

    private static string? Text(JsonElement e, string name)
        => e.TryGetProperty(name, out JsonElement v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Identifier} ({Name})");
}
