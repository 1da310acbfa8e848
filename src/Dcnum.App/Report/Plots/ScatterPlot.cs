using System.Globalization;
using System.Text;

namespace Dcnum.Report.Plots;

/// <summary>
/// The RT-DC standard view: one SVG circle per event, coloured by the local event density.
/// The density is a 2-D histogram over the plot area smoothed with a Gaussian (dclab's
/// "histogram" KDE); points are drawn from sparse to dense so the dense core stays on top, in one
/// &lt;g fill&gt; group per colour level (a circle then needs only its centre: the page stays small).
/// Above <see cref="MaxPoints"/> events an evenly spaced sample is drawn, and the caption says so.
/// </summary>
public static class ScatterPlot
{
    /// <summary>At most this many circles (≈ 35 bytes each); the density still counts every event.</summary>
    public const int MaxPoints = 10_000;
    public const int DensityBins = 80;
    public const double DensitySigmaBins = 1.5;
    private const int Levels = 32;

    /// <summary>What the plot shows: how many events have finite values, and how many circles are drawn.</summary>
    public sealed record Summary(int Finite, int Drawn);

    public static Summary Draw(StringBuilder svg, ReadOnlySpan<double> x, ReadOnlySpan<double> y, string xLabel, string yLabel, int width, int height)
    {
        var finite = new List<int>(x.Length);
        double x0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y0 = double.PositiveInfinity, y1 = double.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                continue;
            finite.Add(i);
            x0 = Math.Min(x0, x[i]);
            x1 = Math.Max(x1, x[i]);
            y0 = Math.Min(y0, y[i]);
            y1 = Math.Max(y1, y[i]);
        }
        var frame = new PlotFrame(svg, width, height, AxisTicks.For(x0, x1, 6), AxisTicks.For(y0, y1, 5), right: ColourBarRoom);
        frame.Begin("scatter", $"{yLabel} versus {xLabel}, coloured by event density");

        // Density on a grid over the axes' range, from every finite event.
        var grid = new double[DensityBins * DensityBins];
        var bin = new int[finite.Count];
        for (int k = 0; k < finite.Count; k++)
        {
            int i = finite[k];
            int bx = Bin(x[i], frame.XAxis), by = Bin(y[i], frame.YAxis);
            bin[k] = by * DensityBins + bx;
            grid[bin[k]]++;
        }
        Smooth(grid);
        double max = 0;
        foreach (int b in bin)
            max = Math.Max(max, grid[b]);

        // The drawn points: all, or every (n / MaxPoints)-th when there are more.
        int drawn = Math.Min(finite.Count, MaxPoints);
        var levelOf = new int[drawn];
        var byLevel = new List<int>[Levels];
        for (int l = 0; l < Levels; l++)
            byLevel[l] = [];
        for (int d = 0; d < drawn; d++)
        {
            int k = (int)((long)d * finite.Count / drawn);
            int level = max > 0 ? (int)Math.Round(grid[bin[k]] / max * (Levels - 1)) : 0;
            byLevel[level].Add(k);
        }
        svg.Append(CultureInfo.InvariantCulture, $"<g id=\"scatter-points\" data-points=\"{drawn}\" data-events=\"{x.Length}\">");
        for (int l = 0; l < Levels; l++)
        {
            if (byLevel[l].Count == 0)
                continue;
            svg.Append(CultureInfo.InvariantCulture, $"<g fill=\"{Colormap.Hex((double)l / (Levels - 1))}\">");
            foreach (int k in byLevel[l])
            {
                int i = finite[k];
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{PlotFrame.F(frame.X(x[i]))}\" cy=\"{PlotFrame.F(frame.Y(y[i]))}\" r=\"2.1\"/>");
            }
            svg.Append("</g>");
        }
        svg.Append("</g>");
        ColourBar(svg, frame);
        frame.End(xLabel, yLabel);
        return new Summary(finite.Count, drawn);
    }

    private const double ColourBarRoom = 96;

    /// <summary>The density scale right of the plot: the levels from sparse (bottom) to dense (top).</summary>
    private static void ColourBar(StringBuilder svg, PlotFrame frame)
    {
        double x = frame.PlotRight + 18, top = frame.PlotTop + 14, bottom = frame.PlotBottom - 14;
        double step = (bottom - top) / Levels;
        svg.Append("<g id=\"density-scale\">");
        for (int l = 0; l < Levels; l++)
        {
            double y = bottom - (l + 1) * step;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{PlotFrame.F(x)}\" y=\"{PlotFrame.F(y)}\" width=\"14\" height=\"{PlotFrame.F(step + 0.5)}\" fill=\"{Colormap.Hex((double)l / (Levels - 1))}\"/>");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<g font-family=\"sans-serif\" font-size=\"11\" fill=\"#222\"><text x=\"{PlotFrame.F(x + 7)}\" y=\"{PlotFrame.F(top - 4)}\" text-anchor=\"middle\">dense</text>"
            + $"<text x=\"{PlotFrame.F(x + 7)}\" y=\"{PlotFrame.F(bottom + 12)}\" text-anchor=\"middle\">sparse</text>");
        double cy = (top + bottom) / 2, lx = x + 34;
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{PlotFrame.F(lx)}\" y=\"{PlotFrame.F(cy)}\" text-anchor=\"middle\" transform=\"rotate(-90 {PlotFrame.F(lx)} {PlotFrame.F(cy)})\">event density</text></g></g>");
    }

    private static int Bin(double value, AxisTicks axis)
        => Math.Clamp((int)((value - axis.Min) / (axis.Max - axis.Min) * DensityBins), 0, DensityBins - 1);

    /// <summary>Separable Gaussian blur of the grid (σ in bins, cut at 3σ, zero outside): along rows, then along columns.</summary>
    private static void Smooth(double[] grid)
    {
        int radius = (int)Math.Ceiling(3 * DensitySigmaBins);
        var kernel = new double[2 * radius + 1];
        for (int i = -radius; i <= radius; i++)
            kernel[i + radius] = Math.Exp(-0.5 * i * i / (DensitySigmaBins * DensitySigmaBins));
        var tmp = new double[grid.Length];
        Blur(grid, tmp, kernel, step: 1, lineStep: DensityBins);
        Blur(tmp, grid, kernel, step: DensityBins, lineStep: 1);
    }

    /// <summary>Convolves each line (elements <paramref name="step"/> apart; lines <paramref name="lineStep"/> apart) with the kernel.</summary>
    private static void Blur(double[] source, double[] target, double[] kernel, int step, int lineStep)
    {
        const int n = DensityBins;
        int radius = kernel.Length / 2;
        for (int line = 0; line < n; line++)
        {
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int k = Math.Max(-radius, -i); k <= radius && i + k < n; k++)
                    s += kernel[k + radius] * source[line * lineStep + (i + k) * step];
                target[line * lineStep + i * step] = s;
            }
        }
    }
}
