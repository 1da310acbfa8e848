using System.Globalization;
using System.Text;

namespace Dcnum.Report.Plots;

/// <summary>
/// The frame every SVG plot shares: plot area inside margins, data → pixel mapping, grid, ticks,
/// tick labels and axis labels. SVG is text, so a plot is a string appended to the page.
/// </summary>
public sealed class PlotFrame
{
    private const double Left = 62, Right = 14, Top = 12, Bottom = 44;
    private readonly StringBuilder _svg;

    public PlotFrame(StringBuilder svg, int width, int height, AxisTicks x, AxisTicks y)
    {
        _svg = svg;
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
    public double PlotRight => Width - Right;
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
        foreach (double v in XAxis.Values)
            _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(v))}\" y1=\"{F(Top)}\" x2=\"{F(X(v))}\" y2=\"{F(PlotBottom)}\"/>");
        foreach (double v in YAxis.Values)
            _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left)}\" y1=\"{F(Y(v))}\" x2=\"{F(PlotRight)}\" y2=\"{F(Y(v))}\"/>");
        _svg.Append("</g>");
    }

    /// <summary>Draws the frame, ticks and labels (over the data) and closes the &lt;svg&gt;.</summary>
    public void End(string xLabel, string yLabel)
    {
        _svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{F(Left)}\" y=\"{F(Top)}\" width=\"{F(PlotRight - Left)}\" height=\"{F(PlotBottom - Top)}\" fill=\"none\" stroke=\"#333\"/>");
        _svg.Append("<g stroke=\"#333\">");
        foreach (double v in XAxis.Values)
            _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(X(v))}\" y1=\"{F(PlotBottom)}\" x2=\"{F(X(v))}\" y2=\"{F(PlotBottom + 5)}\"/>");
        foreach (double v in YAxis.Values)
            _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(Left - 5)}\" y1=\"{F(Y(v))}\" x2=\"{F(Left)}\" y2=\"{F(Y(v))}\"/>");
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

    /// <summary>A coordinate with one decimal (a tenth of a pixel is finer than any screen).</summary>
    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
