using System.Globalization;
using System.Text;

namespace Dcnum.Report.Plots;

/// <summary>A histogram of one feature as an SVG step outline over filled bars (one &lt;path&gt;).</summary>
public static class Histogram
{
    public const int Bins = 50;

    /// <summary>Draws the histogram of the finite values; returns how many there were.</summary>
    public static int Draw(StringBuilder svg, string id, ReadOnlySpan<double> values, string xLabel, string color, int width, int height)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        int finite = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
                continue;
            finite++;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        AxisTicks x = AxisTicks.For(lo, hi, 6); // as the scatter's axes: the same ranges for the same data
        var counts = new int[Bins];
        foreach (double v in values)
        {
            if (double.IsFinite(v))
                counts[Math.Clamp((int)((v - x.Min) / (x.Max - x.Min) * Bins), 0, Bins - 1)]++;
        }
        AxisTicks y = AxisTicks.For(0, Math.Max(1, counts.Max()), 4);
        var frame = new PlotFrame(svg, width, height, x, y);
        frame.Begin(id, $"histogram of {xLabel}");
        var path = new StringBuilder();
        double baseline = frame.Y(0);
        path.Append(CultureInfo.InvariantCulture, $"M{PlotFrame.F(frame.X(x.Min))} {PlotFrame.F(baseline)}");
        for (int b = 0; b < Bins; b++)
        {
            double right = x.Min + (x.Max - x.Min) * (b + 1) / Bins;
            path.Append(CultureInfo.InvariantCulture, $"V{PlotFrame.F(frame.Y(counts[b]))}H{PlotFrame.F(frame.X(right))}");
        }
        path.Append(CultureInfo.InvariantCulture, $"V{PlotFrame.F(baseline)}Z");
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"{color}\" fill-opacity=\"0.55\" stroke=\"{color}\" stroke-width=\"1.2\"/>");
        frame.End(xLabel, "events");
        return finite;
    }
}
