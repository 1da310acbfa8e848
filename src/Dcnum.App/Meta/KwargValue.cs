using Dcnum.Common;

namespace Dcnum.Meta;

/// <summary>
/// Typed values of the CLI's KEY=VALUE options (<c>-kb</c>, <c>-kf</c>, <c>-kg</c>), converted as
/// dcnum's <c>convert_to_dtype</c> does (<see cref="PpidText"/>); a bad value is a usage error
/// naming the option and the key.
/// </summary>
public static class KwargValue
{
    public static bool Bool(string option, string key, string value)
        => PpidText.TryParseBool(value.Trim(), out bool b) ? b
            : throw new UsageException($"{option} {key}: '{value}' is not true, false, yes, no or a number");

    public static int Int(string option, string key, string value)
        => PpidText.TryParseInt(value, out long v) && v is >= int.MinValue and <= int.MaxValue ? (int)v
            : throw new UsageException($"{option} {key}: '{value}' is not a whole number");

    public static double Float(string option, string key, string value)
        => PpidText.TryParseFloat(value, out double d) && double.IsFinite(d) ? d
            : throw new UsageException($"{option} {key}: '{value}' is not a finite number");
}
