using System.Globalization;
using System.Text;
using Dcnum.Report;

namespace Dcnum.Batch;

/// <summary>
/// <c>batch report --html</c>: one self-contained HTML page for the whole batch (the totals and a
/// table of every file: state, events, frames/s, error) linking each file's own page
/// (<c>&lt;output stem&gt;.html</c>, written by <c>--report</c>) by a relative path, so the folder
/// can be copied or served as it is. It shares the head, style and escaping of the file pages
/// (<see cref="Html"/>) and is well-formed XML like them.
/// </summary>
internal static class BatchIndexPage
{
    private static readonly CultureInfo s_ci = CultureInfo.InvariantCulture;

    public static void Write(BatchManifest m, IReadOnlyList<BatchReportRow> rows, BatchTotals t, string htmlPath)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(htmlPath))!;
        var h = new StringBuilder(4096 + rows.Count * 256);
        Html.Begin(h, $"dcnum batch: {m.PathOut}");
        h.Append(s_ci, $"<h1>dcnum batch: {Html.Escape(Path.GetFileName(Path.TrimEndingDirectorySeparator(m.PathOut)))}</h1>\n");
        h.Append(s_ci, $"<p class=\"path\">{Html.Escape(m.PathIn)} → {Html.Escape(m.PathOut)}</p>\n");

        h.Append("<h2>Totals</h2>\n<table class=\"kv\">\n");
        Html.Row(h, "files", t.Files.ToString(s_ci), "n-files");
        Html.Row(h, "done", t.Done.ToString(s_ci), "n-done");
        Html.Row(h, "skipped (output already there)", t.Skipped.ToString(s_ci), "n-skipped");
        Html.Row(h, "failed", t.Failed.ToString(s_ci), "n-failed");
        Html.Row(h, "pending (no result yet)", t.Pending.ToString(s_ci), "n-pending");
        Html.Row(h, "events", t.Events.ToString(s_ci), "n-events");
        Html.Row(h, "frames processed", t.Frames.ToString(s_ci));
        Html.Row(h, "task time", $"{t.Seconds.ToString("0.0", s_ci)} s");
        if (t.Frames > 0)
            Html.Row(h, "frames/s (per task)", (t.Frames / Math.Max(t.Seconds, 1e-9)).ToString("0", s_ci));
        Html.Row(h, "process options", m.ProcessArgs.Length == 0 ? "(defaults)" : string.Join(' ', m.ProcessArgs));
        h.Append("</table>\n");

        h.Append("<h2>Files</h2>\n<table class=\"grid\" id=\"files\">\n");
        h.Append("<tr><th>input</th><th>state</th><th>events</th><th>frames/s</th><th>page</th><th>error</th></tr>\n");
        foreach (BatchReportRow r in rows)
        {
            BatchReportItem f = r.File;
            string state = f.State == ResultRecord.Failed ? $"<span class=\"bad\">{Html.Escape(f.State)}</span>" : Html.Escape(f.State);
            string page = f.Report is null
                ? ""
                : $"<a href=\"{Html.Escape(Html.RelativeHref(folder, f.Report))}\">{Html.Escape(Path.GetFileName(f.Report))}</a>";
            h.Append(s_ci, $"<tr><td>{Html.Escape(r.Item.Input)}</td><td>{state}</td><td class=\"num\">{f.Events?.ToString(s_ci) ?? ""}</td>"
                + $"<td class=\"num\">{r.Rate?.ToString("0", s_ci) ?? ""}</td><td>{page}</td><td>{Html.Escape(f.Error ?? "")}</td></tr>\n");
        }
        h.Append("</table>\n");
        h.Append(s_ci, $"<p class=\"foot\">Written by {Dcnum.Meta.SoftwareVersion.Named} (<code>dcnum batch report --html</code>) from the batch's result records in {Html.Escape(BatchLayout.FolderName)}/.</p>\n</body>\n</html>\n");
        Html.WriteFile(h.ToString(), htmlPath);
    }
}
