using Dcnum.Common;
using Dcnum.Meta;

namespace Dcnum.Features;

/// <summary>
/// dcnum's <c>QueueEventExtractor.get_events_from_masks</c> keyword arguments (feature code
/// <c>legacy</c>): brightness, haralick, volume, in that PPID order.
/// </summary>
public sealed record FeatureSettings(bool Brightness = true, bool Haralick = true, bool Volume = true)
{
    public const string Code = "legacy";

    public static FeatureSettings Default { get; } = new();

    /// <summary><c>legacy:b=1^h=1^v=1</c></summary>
    public string Ppid => $"{Code}:b={Bit(Brightness)}^h={Bit(Haralick)}^v={Bit(Volume)}";

    /// <summary>From <c>-kf KEY=VALUE</c> pairs; an unknown key or bad value names the key.</summary>
    public static FeatureSettings Parse(IEnumerable<KeyValuePair<string, string>> kwargs)
    {
        var s = Default;
        foreach (var (key, value) in kwargs)
        {
            bool v = KwargValue.Bool("-kf", key, value);
            s = key switch
            {
                "brightness" => s with { Brightness = v },
                "haralick" => s with { Haralick = v },
                "volume" => s with { Volume = v },
                _ => throw new UsageException($"-kf {key}: invalid keyword for '{Code}' (allowed: brightness, haralick, volume)"),
            };
        }
        return s;
    }

    private static char Bit(bool b) => b ? '1' : '0';
}
