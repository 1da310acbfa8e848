using System.Globalization;
using Dcnum.Common;
using Dcnum.Meta;

namespace Dcnum.Background;

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
