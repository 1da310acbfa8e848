using System.Globalization;
using Dcnum.Common;
using Dcnum.Meta;

namespace Dcnum.Background;

/// <summary>
/// dcnum <c>BackgroundSparseMed.check_user_kwargs</c>: kernel_size, split_time, thresh_cleansing,
/// frac_cleansing, offset_correction (this order is the PPID order).
/// </summary>
public sealed record SparseMedSettings(
    int KernelSize = 200, double SplitTime = 1.0, double ThreshCleansing = 0, double FracCleansing = 0.8, bool OffsetCorrection = true)
{
    public static SparseMedSettings Default { get; } = new();

    /// <summary><c>sparsemed:k=200^s=1^t=0^f=0.8^o=1</c></summary>
    public string Ppid => "sparsemed:" + string.Join('^',
        "k=" + KernelSize.ToString(CultureInfo.InvariantCulture),
        "s=" + PpidValue(SplitTime),
        "t=" + PpidValue(ThreshCleansing),
        "f=" + PpidValue(FracCleansing),
        "o=" + (OffsetCorrection ? "1" : "0"));

    public SparseMedSettings Validated()
    {
        // dcnum asserts these
        if (KernelSize <= 0)
            throw new UsageException("-kb kernel_size: must be > 0");
        if (!(SplitTime > 0))
            throw new UsageException("-kb split_time: must be > 0");
        if (!(ThreshCleansing >= 0))
            throw new UsageException("-kb thresh_cleansing: must be >= 0");
        if (!(FracCleansing > 0 && FracCleansing <= 1))
            throw new UsageException("-kb frac_cleansing: must be > 0 and <= 1");
        return this;
    }

    /// <summary>Typed from <c>-kb KEY=VALUE</c> pairs; an unknown key or bad value names the key.</summary>
    public static SparseMedSettings Parse(IEnumerable<KeyValuePair<string, string>> kwargs)
    {
        var s = Default;
        foreach (var (key, value) in kwargs)
        {
            s = key switch
            {
                "kernel_size" => s with { KernelSize = KwargValue.Int("-kb", key, value) },
                "split_time" => s with { SplitTime = KwargValue.Float("-kb", key, value) },
                "thresh_cleansing" => s with { ThreshCleansing = KwargValue.Float("-kb", key, value) },
                "frac_cleansing" => s with { FracCleansing = KwargValue.Float("-kb", key, value) },
                "offset_correction" => s with { OffsetCorrection = KwargValue.Bool("-kb", key, value) },
                _ => throw new UsageException($"-kb {key}: invalid keyword for sparsemed (allowed: kernel_size, split_time, thresh_cleansing, frac_cleansing, offset_correction)"),
            };
        }
        return s.Validated();
    }

    internal static string PpidValue(double v) => PpidText.Float(v);
}
