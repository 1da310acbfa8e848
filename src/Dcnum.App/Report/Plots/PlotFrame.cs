using System.Globalization;
using System.Text;

namespace Dcnum.Report.Plots;

/// <summary>
/// The frame every SVG plot shares: plot area inside margins, data → pixel mapping, grid, ticks,
/// tick labels and axis labels. SVG is text, so a plot is a string appended to the page.
/// </summary>
public sealed class PlotFrame
{
    private const double Left = 62, Top = 12, Bottom = 44;
    private readonly double _right;
    private readonly StringBuilder _svg;

    /// <param name="right">Room right of the plot area (e.g. for a colour bar).</param>
    public PlotFrame(StringBuilder svg, int width, int height, AxisTicks x, AxisTicks y, double right = 14)
    {
        _svg = svg;
        _right = right;
        Width = width;
        Height = height;
        XAxis = x;
        YAxis = y;
    }

    public int Width { get; }
    public int Height { get; }
    public AxisTicks XAxis { get; }
    public AxisTicks YAxis { get; }
    public double PlotLeft => Left;
    public double PlotRight => Width - _right;
    public double PlotTop => Top;
    public double PlotBottom => Height - Bottom;

    public double X(double value) => Left + (value - XAxis.Min) / (XAxis.Max - XAxis.Min) * (PlotRight - Left);

    public double Y(double value) => PlotBottom - (value - YAxis.Min) / (YAxis.Max - YAxis.Min) * (PlotBottom - Top);

    /// <summary>Opens the &lt;svg&gt; element and draws the grid (under the data).</summary>
    public void Begin(string id, string description)
    {
        _svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.Escape(description)}\">");
        _svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(Left)}\" y=\"{F(Top)}\" width=\"{F(PlotRight - Left)}\" height=\"{F(PlotBottom - Top)}\" fill=\"#fff\"/>");
        _svg.Append("<g stroke=\"#e4e4e4\" stroke-width=\"1\">");
        TickLines(Top, PlotBottom, Left, PlotRight);
        _svg.Append("</g>");
    }

    /// <summary>Draws the frame, ticks and labels (over the data) and closes the &lt;svg&gt;.</summary>
    public void End(string xLabel, string yLabel)
    {
        _svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{F(Left)}\" y=\"{F(Top)}\" width=\"{F(PlotRight - Left)}\" height=\"{F(PlotBottom - Top)}\" fill=\"none\" stroke=\"#333\"/>");
        _svg.Append("<g stroke=\"#333\">");
        TickLines(PlotBottom, PlotBottom + 5, Left - 5, Left);
        _svg.Append("</g><g font-family=\"sans-serif\" font-size=\"11\" fill=\"#222\">");
        foreach (double v in XAxis.Values)
            _svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(X(v))}\" y=\"{F(PlotBottom + 17)}\" text-anchor=\"middle\">{XAxis.Label(v)}</text>");
        foreach (double v in YAxis.Values)
            _svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(Left - 8)}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{YAxis.Label(v)}</text>");
        _svg.Append("</g><g font-family=\"sans-serif\" font-size=\"13\" fill=\"#000\">");
        _svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{F((Left + PlotRight) / 2)}\" y=\"{F(Height - 6)}\" text-anchor=\"middle\">{Html.Escape(xLabel)}</text>");
        double cy = (Top + PlotBottom) / 2;
        _svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"14\" y=\"{F(cy)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {F(cy)})\">{Html.Escape(yLabel)}</text>");
        _svg.Append("</g></svg>");
    }

    /// <summary>A vertical line from y0 to y1 at each x tick, a horizontal one from x0 to x1 at each y tick (grid or tick marks).</summary>
    private void TickLines(double y0, double y1, double x0, double x1)
    {
        foreach (double v in XAxis.Values)
            _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(v))}\" y1=\"{F(y0)}\" x2=\"{F(X(v))}\" y2=\"{F(y1)}\"/>");
        foreach (double v in YAxis.Values)
            _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x0)}\" y1=\"{F(Y(v))}\" x2=\"{F(x1)}\" y2=\"{F(Y(v))}\"/>");
    }

    /// <summary>A coordinate with one decimal (a tenth of a pixel is finer than any screen).</summary>
    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
