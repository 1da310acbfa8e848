using Dcnum.Common;
using Dcnum.Meta;

namespace Dcnum.Segmentation;

/// <summary>
/// Parses the segmenter's <c>KEY=VALUE</c> options (<c>-ks</c>) into algorithm and mask settings.
/// dcnum/ChipStream counterpart: <c>chipstream.cli.cli_valid.validate_segmentation_kwargs</c>
/// (full key names, mask keys first, values converted with dcnum's <c>convert_to_dtype</c>).
/// </summary>
public static class SegmenterKwargs
{
    /// <summary>Applies each <c>KEY=VALUE</c> to the defaults; throws <see cref="UsageException"/> naming the key.</summary>
    public static (SegmenterSettings Segmenter, MaskSettings Mask) Parse(IEnumerable<string> keyValues, string code = ThresholdSegmenter.Code)
    {
        SegmenterSettings segmenter = SegmenterSettings.Default with { Code = code };
        MaskSettings mask = MaskSettings.DefaultFor(code);
        foreach (string item in keyValues)
        {
            string[] parts = item.Split('=');
            if (parts.Length != 2)
                throw new UsageException($"segmenter option '{item}': expected KEY=VALUE");
            string key = parts[0];
            string value = parts[1];
            switch (key)
            {
                case "clear_border":
                    mask = mask with { ClearBorder = ParseBool(key, value) };
                    break;
                case "fill_holes":
                    mask = mask with { FillHoles = ParseBool(key, value) };
                    break;
                case "closing_disk":
                    long radius = ParseInt(key, value);
                    if (radius < 0 || radius > 1000)
                        throw new UsageException($"segmenter keyword 'closing_disk': {value} is out of range (0 to 1000)");
                    mask = mask with { ClosingDisk = (int)radius };
                    break;
                case "model_file" when segmenter.IsTorch:
                    segmenter = segmenter with { ModelFile = value };
                    break;
                case "thresh" when !segmenter.IsTorch:
                    double thresh = ParseFloat(key, value);
                    if (!(thresh < 0) || double.IsInfinity(thresh))
                        throw new UsageException(
                            $"segmenter keyword 'thresh': {value} is not allowed (threshold values above zero not supported; use a finite negative number)");
                    segmenter = segmenter with { Thresh = thresh };
                    break;
                default:
                    throw new UsageException(
                        $"Invalid keyword '{key}' for {code}. Allowed keywords are "
                        + string.Join(", ", segmenter.Kwargs.Concat(MaskSettings.KwargNames)));
            }
        }
        return (segmenter, mask);
    }

    private static bool ParseBool(string key, string value)
        => PpidText.TryParseBool(value, out bool b) ? b
            : throw new UsageException($"segmenter keyword '{key}': '{value}' is not a boolean (true/false/yes/no/number)");

    private static long ParseInt(string key, string value)
        => PpidText.TryParseInt(value, out long i) ? i
            : throw new UsageException($"segmenter keyword '{key}': '{value}' is not an integer");

    private static double ParseFloat(string key, string value)
        => PpidText.TryParseFloat(value, out double f) ? f
            : throw new UsageException($"segmenter keyword '{key}': '{value}' is not a number");
}
