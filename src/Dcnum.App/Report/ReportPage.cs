using System.Globalization;
using System.Text;
using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Report.Plots;

namespace Dcnum.Report;

/// <summary>
/// One self-contained HTML page about an .rtdc file: the pipeline, counts and run, the scatter plot
/// and histograms (inline SVG), event images with contours and the background (PNG data URIs).
/// No scripts, no external files. The page is also well-formed XML (polyglot XHTML), so any XML
/// parser can check it. <see cref="Write"/> is the entry point for commands (report, process
/// --report, a batch).
/// </summary>
public static class ReportPage
{
    private static readonly CultureInfo s_ci = CultureInfo.InvariantCulture;

    /// <summary>Reads <paramref name="rtdcPath"/> and writes its page to <paramref name="htmlPath"/> (atomically: a temporary name, then a rename).</summary>
    public static void Write(string rtdcPath, string htmlPath)
    {
        ReportData data;
        using (RtdcFile file = RtdcFile.Open(rtdcPath))
            data = ReportData.Read(file);
        string html = Build(data);
        string full = Path.GetFullPath(htmlPath);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp~");
        try
        {
            File.WriteAllText(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
                File.Delete(temp);
            throw DcnumException.ForFile(htmlPath, $"cannot write the report ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    /// <summary>The page's default path: <c>&lt;stem&gt;.html</c> beside the file.</summary>
    public static string DefaultPath(string rtdcPath) => Path.ChangeExtension(rtdcPath, ".html");

    public static string Build(ReportData d)
    {
        var h = new StringBuilder(256 * 1024);
        string name = Path.GetFileName(d.Path);
        h.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        h.Append(CultureInfo.InvariantCulture, $"<title>dcnum report: {Html.Escape(name)}</title>\n");
        h.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append(CultureInfo.InvariantCulture, $"<h1>{Html.Escape(name)}</h1>\n<p class=\"path\">{Html.Escape(d.Path)}</p>\n");

        Summary(h, d);
        PipelineTable(h, d);
        Basins(h, d);
        Warnings(h, d);
        Plots(h, d);
        Images(h, d);

        h.Append(CultureInfo.InvariantCulture, $"<p class=\"foot\">Written by {Meta.SoftwareVersion.Named} (<code>dcnum report</code>).</p>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Summary(StringBuilder h, ReportData d)
    {
        RunLogs run = d.Run;
        string? yield = d.Pipeline.FirstOrDefault(p => p.Key == "yield").Value;
        h.Append("<h2>Measurement and run</h2>\n<table class=\"kv\">\n");
        Row(h, "events", d.Events.ToString(s_ci), "n-events");
        Row(h, "frames processed", run.Frames?.ToString(s_ci) ?? "not in the run log", "n-frames");
        if (yield is not null)
            Row(h, "yield (events found)", yield, "yield");
        if (run.Frames is > 0)
            Row(h, "events per frame", (d.Events / (double)run.Frames.Value).ToString("0.00", s_ci));
        Row(h, "run time", run.DurationText ?? "not in the run log", "run-time");
        Row(h, "rate", run.RateText ?? "not in the run log", "rate");
        if (run.Started is not null)
            Row(h, "run started (UTC)", run.Started);
        if (run.Version is not null)
            Row(h, "processed by", run.Version);
        if (run.PathIn is not null)
            Row(h, "input", run.PathIn, "path-in");
        if (run.BasinStrategy is not null)
            Row(h, "basin strategy", run.BasinStrategy == "tap" ? "tap (images and frame data stay in the input, linked as a basin)" : run.BasinStrategy == "drain" ? "drain (everything copied into this file)" : run.BasinStrategy);
        if (run.Compression is not null)
            Row(h, "compression", run.Compression);
        if (run.Workers is not null)
            Row(h, "workers", run.Workers.Value.ToString(s_ci));
        Row(h, "measurement identifier", d.Identifier ?? "(none)");
        Row(h, "ROI", d.Roi is { } roi ? $"{roi.Width} × {roi.Height} px (width × height)" : "no images");
        Row(h, "pixel size", $"{d.PixelSize.ToString(s_ci)} µm");
        if (d.FrameRate is double fr)
            Row(h, "frame rate", $"{fr.ToString(s_ci)} Hz");
        h.Append("</table>\n");
    }

    private static void PipelineTable(StringBuilder h, ReportData d)
    {
        if (d.Pipeline.Count == 0)
            return;
        h.Append("<h2>Pipeline</h2>\n<table class=\"grid\">\n<tr><th>step</th><th>identifier</th><th>in words</th></tr>\n");
        foreach (var (key, value) in d.Pipeline)
        {
            if (key is "yield")
                continue;
            string words = key switch
            {
                "hash" => "pipeline hash: MD5 of the identifiers (a file made with the same settings has the same hash)",
                "generation" => "dcnum pipeline generation",
                "mapping" => value == "0" ? "every input event" : "an index mapping of the input",
                _ => PipelineWords.Describe(value),
            };
            h.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Html.Escape(key)}</td><td><code id=\"ppid-{Html.Escape(key)}\">{Html.Escape(value)}</code></td><td>{Html.Escape(words)}</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    private static void Basins(StringBuilder h, ReportData d)
    {
        if (d.Basins.Count == 0)
            return;
        h.Append("<h2>Basins (data read from elsewhere)</h2>\n");
        if (d.Basins.Any(b => b.Type == "file"))
            h.Append("<p>This file links other files as basins: the features listed come from there, so those files must stay where they are.</p>\n");
        h.Append("<table class=\"grid\">\n<tr><th>basin</th><th>type</th><th>features</th><th>mapping</th><th>found at</th></tr>\n");
        foreach (BasinRow b in d.Basins)
        {
            string where = b.Location is null
                ? $"<span class=\"bad\">missing</span> (tried {Html.Escape(string.Join(", ", b.Paths))})"
                : Html.Escape(b.Location);
            h.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Html.Escape(b.Name)}</td><td>{Html.Escape(b.Type)}</td><td>{Html.Escape(b.Features)}</td><td>{Html.Escape(b.Mapping ?? "same events")}</td><td>{where}</td></tr>\n");
        }
        h.Append("</table>\n");
    }

    private static void Warnings(StringBuilder h, ReportData d)
    {
        h.Append("<h2>Warnings</h2>\n");
        if (d.Notes.Count == 0 && d.Run.Warnings.Count == 0)
        {
            h.Append("<p id=\"warnings\">none</p>\n");
            return;
        }
        h.Append("<ul id=\"warnings\">\n");
        foreach (string note in d.Notes)
            h.Append(CultureInfo.InvariantCulture, $"<li>{Html.Escape(note)}</li>\n");
        foreach (string line in d.Run.Warnings)
            h.Append(CultureInfo.InvariantCulture, $"<li><code>{Html.Escape(line)}</code></li>\n");
        h.Append("</ul>\n");
    }

    private static void Plots(StringBuilder h, ReportData d)
    {
        h.Append("<h2>Events</h2>\n");
        if (d.Events == 0)
        {
            h.Append("<p id=\"no-events\" class=\"empty\">no events: nothing to plot</p>\n");
            return;
        }
        if (d.Area is { } area && d.Deform is { } deform)
        {
            h.Append("<figure>");
            ScatterPlot.Summary s = ScatterPlot.Draw(h, area, deform, "area (µm²)", "deformation", 720, 440);
            string drawn = s.Drawn == s.Finite
                ? $"all {s.Drawn.ToString(s_ci)} events"
                : $"{s.Drawn.ToString(s_ci)} of {s.Finite.ToString(s_ci)} events (an evenly spaced sample; the density counts them all)";
            string missing = s.Finite < d.Events ? $"; {(d.Events - s.Finite).ToString(s_ci)} events without a finite area or deformation are left out" : "";
            h.Append(CultureInfo.InvariantCulture,
                $"<figcaption id=\"scatter-caption\">Deformation versus area: {drawn}{missing}. Colour: event density (2-D histogram of {ScatterPlot.DensityBins} × {ScatterPlot.DensityBins} bins smoothed with a Gaussian of σ = {ScatterPlot.DensitySigmaBins.ToString(s_ci)} bins, as dclab's histogram KDE; viridis, dense = yellow).</figcaption></figure>\n");
        }
        h.Append("<div class=\"row\">\n");
        Hist(h, "hist-area", d.Area, "area (µm²)", "#3b528b");
        Hist(h, "hist-deform", d.Deform, "deformation", "#21918c");
        Hist(h, "hist-bright", d.Brightness, "brightness bright_avg (grey value)", "#b5632d");
        h.Append("</div>\n");
    }

    private static void Hist(StringBuilder h, string id, double[]? values, string label, string color)
    {
        if (values is null)
            return;
        h.Append("<figure>");
        Histogram.Draw(h, id, values, label, color, 380, 250);
        h.Append(CultureInfo.InvariantCulture, $"<figcaption>{Html.Escape(label)}, {Histogram.Bins} bins</figcaption></figure>\n");
    }

    private static void Images(StringBuilder h, ReportData d)
    {
        if (d.Tiles.Count > 0)
        {
            h.Append(CultureInfo.InvariantCulture,
                $"<h2>Event images</h2>\n<p>{d.Tiles.Count} events spread evenly over the measurement, each cut around its mask; the mask's boundary is drawn in orange-red.</p>\n<div class=\"montage\" id=\"montage\">\n");
            foreach (MontageTile t in d.Tiles)
            {
                string caption = $"event {t.Event.ToString(s_ci)}";
                if (d.Area is { } a && d.Deform is { } f)
                    caption += $"<br/>{a[t.Event].ToString("0.0", s_ci)} µm², deform. {f[t.Event].ToString("0.000", s_ci)}";
                h.Append(CultureInfo.InvariantCulture,
                    $"<figure class=\"tile\"><img src=\"data:image/png;base64,{Convert.ToBase64String(t.Png)}\" width=\"{2 * t.Width}\" height=\"{2 * t.Height}\" alt=\"event {t.Event.ToString(s_ci)}\"/><figcaption>{caption}</figcaption></figure>\n");
            }
            h.Append("</div>\n");
        }
        if (d.Background is { } bg)
        {
            h.Append(CultureInfo.InvariantCulture,
                $"<h2>Background</h2>\n<figure><img id=\"background\" src=\"data:image/png;base64,{Convert.ToBase64String(bg.Png)}\" width=\"{2 * bg.Width}\" height=\"{2 * bg.Height}\" alt=\"background image\"/><figcaption>The background image of event 0 (<code>image_bg</code>), {bg.Width} × {bg.Height} px, shown at 2×.</figcaption></figure>\n");
        }
    }

    private static void Row(StringBuilder h, string key, string value, string? id = null)
    {
        string idAttr = id is null ? "" : $" id=\"{id}\"";
        h.Append(CultureInfo.InvariantCulture, $"<tr><th>{Html.Escape(key)}</th><td{idAttr}>{Html.Escape(value)}</td></tr>\n");
    }

    private const string Css =
        "body{font-family:sans-serif;margin:24px auto;max-width:1240px;color:#111;background:#fff}"
        + "h1{font-size:22px;margin:0}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #ccc}"
        + ".path{color:#555;margin:4px 0 0;font-size:13px}"
        + "table{border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:3px 10px;vertical-align:top}"
        + "table.kv th{font-weight:normal;color:#444}table.grid th{background:#f0f0f0}table.grid td,table.grid th{border:1px solid #ddd}"
        + "code{font-size:12px}.bad{color:#b00;font-weight:bold}.empty{font-size:16px;color:#555}"
        + "figure{margin:6px 10px 6px 0;display:inline-block;vertical-align:top}figcaption{font-size:12px;color:#333;max-width:620px}"
        + ".row{display:flex;flex-wrap:wrap}.montage{display:flex;flex-wrap:wrap;gap:6px}"
        + ".tile{margin:0}.tile figcaption{text-align:center}img{image-rendering:pixelated}.foot{color:#777;font-size:12px;margin-top:30px}";
}
