using System.Globalization;
using Dcnum.Common;
using Dcnum.Meta;

namespace Dcnum.Features;

/// <summary>dcnum's <c>Gate.__init__</c> keyword arguments (gate code <c>norm</c>): online_gates, size_thresh_mask.</summary>
public sealed record GateSettings(bool OnlineGates = false, int? SizeThreshMask = null)
{
    public const string Code = "norm";
    public const int DefaultSizeThreshMask = 10;

    public static GateSettings Default { get; } = new();

    /// <summary>
    /// <c>norm:o=0^s=10</c>: an unset size threshold shows as the default 10, a given one as given,
    /// 0 included (dcnum's <c>Gate.get_ppid_from_ppkw</c> replaces only None; gating then treats 0 as 10).
    /// </summary>
    public string Ppid => $"{Code}:o={(OnlineGates ? 1 : 0)}^s={(SizeThreshMask ?? DefaultSizeThreshMask).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>dcnum: the value, else (online gates) the file's <c>online_contour:bin area min</c>, else 10; 0 counts as unset.</summary>
    public int EffectiveSizeThreshMask(double? binAreaMin)
    {
        int? value = SizeThreshMask;
        if (OnlineGates && value is null && binAreaMin is double b)
            value = (int)b;
        return value is null or 0 ? DefaultSizeThreshMask : value.Value;
    }

    /// <summary>From <c>-kg KEY=VALUE</c> pairs.</summary>
    public static GateSettings Parse(IEnumerable<KeyValuePair<string, string>> kwargs)
    {
        var s = Default;
        foreach (var (key, value) in kwargs)
        {
            s = key switch
            {
                "online_gates" => s with { OnlineGates = KwargValue.Bool("-kg", key, value) },
                "size_thresh_mask" => s with { SizeThreshMask = KwargValue.Int("-kg", key, value) },
                _ => throw new UsageException($"-kg {key}: invalid keyword for gating (allowed: online_gates, size_thresh_mask)"),
            };
        }
        return s;
    }
}
