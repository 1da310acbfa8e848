using System.Globalization;
using System.Text.RegularExpressions;
using Dcnum.Read;

namespace Dcnum.Segmentation.Torch.Model;

/// <summary>
/// Whether a model may segment a dataset: each rule of the meta's <c>validation</c> list checks a
/// metadata key (<c>section:key</c>) or a log (its lines joined by newlines) with a regular
/// expression (searched, multi-line, optionally negated) and/or a number within ±1 %; a missing key
/// fails unless <c>allow-missing-key</c>. chipstream-cli runs this before processing; the
/// library's job runner does not (<c>--skip-validation</c> does what the library does).
/// dcnum counterpart: <c>TorchSegmenterBase.validate_applicability</c>.
/// </summary>
internal static class ModelValidation
{
    /// <summary>The reasons the rules give for refusing the dataset (empty: applicable).</summary>
    public static List<string> Reasons(ModelMeta meta, string modelPath, IReadOnlyDictionary<string, AttributeValue> attributes, IReadOnlyDictionary<string, string[]> logs)
    {
        var reasons = new List<string>();
        foreach (ValidationRule rule in meta.Validation)
        {
            string? text;
            double? number = null;
            switch (rule.Type)
            {
                case "meta":
                    if (attributes.TryGetValue(rule.Key, out AttributeValue v))
                    {
                        text = v.ToString();
                        number = v.Kind is AttributeKind.Float or AttributeKind.Integer or AttributeKind.Boolean ? v.Float
                            : double.TryParse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) ? parsed : null;
                    }
                    else
                        text = null;
                    break;
                case "logs":
                    text = logs.TryGetValue(rule.Key, out string[]? lines) ? string.Join("\n", lines) : null;
                    break;
                default:
                    reasons.Add($"invalid validation type {rule.Type} in {modelPath}");
                    continue;
            }
            if (text is null)
            {
                if (!rule.AllowMissingKey)
                    reasons.Add($"Key '{rule.Key}' missing in {rule.Type}");
                continue;
            }
            bool valid = true;
            if (rule.Regexp is not null)
                valid = Regex.IsMatch(text, rule.Regexp, RegexOptions.Multiline | RegexOptions.CultureInvariant) != rule.RegexpNegate;
            if (rule.Values is { } expected)
            {
                // np.allclose(rule value(s), data value, atol=0, rtol=0.01): |a − b| <= 0.01·|b| for every a
                valid = valid && number is double actual && expected.All(a => Math.Abs(a - actual) <= 0.01 * Math.Abs(actual));
            }
            if (!valid)
                reasons.Add(rule.Reason);
        }
        return reasons;
    }
}
