using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dcnum.Segmentation.Torch.Export;

/// <summary>
/// <c>dcnum_meta.json</c> of a <c>.dcnm</c> model file: in a v2 file the zip member of that
/// name, in a v1 (TorchScript) file <c>&lt;dir&gt;/extra/dcnum_meta.json</c>. v2 files carry
/// <see cref="ImageShape"/> and <see cref="BatchSize"/> at the top level; v1 files have
/// <see cref="Preprocessing"/> instead.
/// </summary>
public sealed class DcnmMeta
{
    public string? Name { get; init; }
    public string? Identifier { get; init; }
    public string? Date { get; init; }
    public string? Description { get; init; }
    public string? Scope { get; init; }

    /// <summary>"1.0" (TorchScript) or "2.0" (torch.export); null when the file has none.</summary>
    [JsonPropertyName("format_version")]
    public string? FormatVersion { get; init; }

    /// <summary>[height, width] of the frames the graph takes (v2).</summary>
    [JsonPropertyName("image_shape")]
    public int[]? ImageShape { get; init; }

    /// <summary>The batch dcnum feeds the graph (v2; the last batch zero-padded).</summary>
    [JsonPropertyName("batch_size")]
    public int? BatchSize { get; init; }

    public DcnmPreprocessing? Preprocessing { get; init; }

    public List<DcnmValidation> Validation { get; init; } = [];

    /// <summary>Reads the JSON; a malformed one is a clear error naming <paramref name="path"/>.</summary>
    public static DcnmMeta Parse(ReadOnlySpan<byte> json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(json, DcnmMetaJsonContext.Default.DcnmMeta)
                ?? throw Common.DcnumException.ForFile(path, "dcnum_meta.json is null");
        }
        catch (JsonException e)
        {
            throw Common.DcnumException.ForFile(path, $"invalid dcnum_meta.json ({e.Message})", e);
        }
    }
}

/// <summary>v1 preprocessing: frames are cropped/padded to <see cref="ImageShape"/> and normalised.</summary>
public sealed class DcnmPreprocessing
{
    [JsonPropertyName("image_shape")]
    public int[]? ImageShape { get; init; }

    [JsonPropertyName("norm_mean")]
    public double? NormMean { get; init; }

    [JsonPropertyName("norm_std")]
    public double? NormStd { get; init; }
}

/// <summary>
/// One applicability rule (dcnum <c>validate_applicability</c>): the <see cref="Key"/> of the
/// input's metadata (<see cref="Type"/> "meta", "section:key") or logs ("logs") must match
/// <see cref="Regexp"/> (inverted by <see cref="RegexpNegate"/>) or be close to <see cref="Value"/>.
/// </summary>
public sealed class DcnmValidation
{
    public string? Type { get; init; }
    public string? Key { get; init; }

    [JsonPropertyName("allow-missing-key")]
    public bool AllowMissingKey { get; init; }

    public string? Regexp { get; init; }

    [JsonPropertyName("regexp-negate")]
    public bool RegexpNegate { get; init; }

    /// <summary>A number (or a list of them: dcnum compares with np.allclose, rtol 0.01).</summary>
    public JsonElement? Value { get; init; }

    public string? Reason { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DcnmMeta))]
internal sealed partial class DcnmMetaJsonContext : JsonSerializerContext;
