using System.Globalization;

namespace Dcnum.Report.Plots;

/// <summary>
/// A plot axis: a "nice" range that starts and ends on a tick, ticks at 1, 2 or 5 × 10^k, and
/// labels with as many decimals as the step needs (0.02 → "0.04", 200 → "400").
/// </summary>
public sealed class AxisTicks
{
    public double Min { get; }
    public double Max { get; }
    public double Step { get; }
    public IReadOnlyList<double> Values { get; }
    private readonly int _decimals;

    private AxisTicks(double min, double max, double step)
    {
        Step = step;
        Min = Math.Floor(min / step) * step;
        Max = Math.Ceiling(max / step) * step;
        if (Max <= Min)
            Max = Min + step;
        _decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        var values = new List<double>();
        for (int i = 0; Min + i * step <= Max + step * 1e-6; i++)
            values.Add(Math.Round(Min + i * step, _decimals));
        Values = values;
    }

    /// <summary>Ticks covering [<paramref name="low"/>, <paramref name="high"/>] with about <paramref name="target"/> intervals.</summary>
    public static AxisTicks For(double low, double high, int target = 5)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
            (low, high) = (0, 1);
        if (high < low)
            (low, high) = (high, low);
        if (high - low < 1e-12 * Math.Max(1, Math.Abs(high)))
        {
            // One value: a small interval around it, so that it sits inside the axis.
            double pad = low == 0 ? 1 : Math.Abs(low) * 0.1;
            (low, high) = (low - pad, high + pad);
        }
        double raw = (high - low) / Math.Max(1, target);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double fraction = raw / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return new AxisTicks(low, high, nice * magnitude);
    }

    public string Label(double value) => value.ToString("F" + _decimals, CultureInfo.InvariantCulture);
}
