using System.Globalization;
using Dcnum.Common;
using Dcnum.Meta;

namespace Dcnum.Background;

/// <summary>The background methods dcnum offers (PPID code = lower-case class name without "Background").</summary>
public static class BackgroundMethods
{
    public static readonly string[] Codes = ["copy", "rollmed", "sparsemed"];
}

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

/// <summary>dcnum <c>BackgroundRollMed.check_user_kwargs</c>: kernel_size (even), batch_size (&gt; kernel_size).</summary>
public sealed record RollMedSettings(int KernelSize = 100, int BatchSize = 10000)
{
    public const int MaxKernelSize = ushort.MaxValue - 1;

    public static RollMedSettings Default { get; } = new();

    /// <summary><c>rollmed:k=100^b=10000</c></summary>
    public string Ppid => $"rollmed:k={KernelSize.ToString(CultureInfo.InvariantCulture)}^b={BatchSize.ToString(CultureInfo.InvariantCulture)}";

    public RollMedSettings Validated()
    {
        if (KernelSize <= 0)
            throw new UsageException("-kb kernel_size: must be > 0");
        if (KernelSize % 2 != 0)
            throw new UsageException("-kb kernel_size: must be an even number");
        // The sliding histograms count in 16 bits, and the window alone would hold kernel_size frames.
        if (KernelSize > MaxKernelSize)
            throw new UsageException($"-kb kernel_size: at most {MaxKernelSize} for rollmed (the rolling window holds that many frames in memory)");
        if (BatchSize <= KernelSize)
            throw new UsageException("-kb batch_size: must be larger than kernel_size");
        return this;
    }

    public static RollMedSettings Parse(IEnumerable<KeyValuePair<string, string>> kwargs)
    {
        var s = Default;
        foreach (var (key, value) in kwargs)
        {
            s = key switch
            {
                "kernel_size" => s with { KernelSize = KwargValue.Int("-kb", key, value) },
                "batch_size" => s with { BatchSize = KwargValue.Int("-kb", key, value) },
                _ => throw new UsageException($"-kb {key}: invalid keyword for rollmed (allowed: kernel_size, batch_size)"),
            };
        }
        return s.Validated();
    }
}
