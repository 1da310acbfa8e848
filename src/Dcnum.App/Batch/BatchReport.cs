using System.Globalization;
using System.Text.Json;
using Dcnum.Cli;
using Dcnum.Report;

namespace Dcnum.Batch;

/// <summary>One file in <c>batch report --json</c>; <see cref="Report"/> is its HTML page (<c>&lt;output stem&gt;.html</c>) if there is one.</summary>
internal sealed record BatchReportItem(string Input, string Output, string State, long? Frames, long? Events, double? Seconds, string? Error, string? Report);

/// <summary><c>batch report --json</c>: counts and every file.</summary>
internal sealed record BatchReportJson(int Files, int Done, int Failed, int Skipped, int Pending, List<BatchReportItem> Items);

/// <summary><c>batch status --json</c>: counts only, the queue included.</summary>
internal sealed record BatchStatusJson(int Files, int Done, int Failed, int Running, int Pending, int Skipped, int Missing, List<string> Jobs);

/// <summary>One file of the report: its manifest entry (paths relative to PATH_IN and PATH_OUT) and what became of it.</summary>
internal sealed record BatchReportRow(ManifestItem Item, BatchReportItem File)
{
    /// <summary>Frames per second of task time, for a processed file.</summary>
    public double? Rate => File is { State: ResultRecord.Done, Frames: > 0 } f ? f.Frames.Value / Math.Max(f.Seconds ?? 0, 1e-9) : null;
}

/// <summary>The totals line: files per state, events, and the frames and task time of the processed files.</summary>
internal sealed record BatchTotals(int Files, int Done, int Skipped, int Failed, int Pending, long Events, long Frames, double Seconds);

/// <summary>
/// <c>batch report</c>: every file (state, events, frames/s, error, its page) and the totals, from
/// the result records alone (it is what the summary job prints, when no task is queued any more),
/// optionally also as one HTML index page (<see cref="BatchIndexPage"/>), and <c>batch status</c>:
/// the counts with the queue. Report's exit code is 0 only when every file is done or skipped.
/// </summary>
internal static class BatchReport
{
    public static (List<BatchReportRow> Rows, BatchTotals Totals) Collect(BatchState state)
    {
        BatchManifest m = state.Manifest;
        var rows = m.Items.Select(i =>
        {
            ResultRecord? r = state.Results.GetValueOrDefault(i.Index);
            string output = m.OutputPath(i), page = ReportPage.DefaultPath(output);
            var file = new BatchReportItem(m.InputPath(i), output, state.StateOf(i.Index), r?.Frames, r?.Events, r?.Seconds, r?.Error,
                System.IO.File.Exists(page) ? page : null);
            return new BatchReportRow(i, file);
        }).ToList();
        var counts = state.Counts();
        var done = rows.Where(r => r.File.State == ResultRecord.Done).ToList();
        var totals = new BatchTotals(m.Items.Count, counts[ResultRecord.Done], counts[ResultRecord.Skipped], counts[ResultRecord.Failed],
            counts[BatchState.Pending] + counts[BatchState.Running] + counts[BatchState.Missing],
            rows.Sum(r => r.File.Events ?? 0), done.Sum(r => r.File.Frames ?? 0), done.Sum(r => r.File.Seconds ?? 0));
        return (rows, totals);
    }

    /// <summary>The totals in words (the report's last line, the index page's summary).</summary>
    public static string TotalsText(BatchTotals t)
        => $"{t.Files} files: {t.Done} done, {t.Skipped} skipped, {t.Failed} failed, {t.Pending} pending; {t.Events} events; "
            + $"{t.Frames} frames processed in {t.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s of task time";

    /// <summary>Prints the report (text or JSON); <paramref name="htmlPath"/>: also writes the index page there.</summary>
    public static int Print(BatchState state, bool json, string? htmlPath, TextWriter stdout)
    {
        var ci = CultureInfo.InvariantCulture;
        var (rows, totals) = Collect(state);
        if (json)
        {
            var report = new BatchReportJson(totals.Files, totals.Done, totals.Failed, totals.Skipped, totals.Pending, rows.Select(r => r.File).ToList());
            stdout.WriteLine(JsonSerializer.Serialize(report, BatchJson.Default.BatchReportJson));
        }
        else
        {
            int width = Math.Clamp(rows.Count == 0 ? 5 : rows.Max(r => r.Item.Input.Length), 5, 60);
            stdout.WriteLine($"{"input".PadRight(width)}  {"state",-8} {"events",8} {"frames/s",9}  error");
            foreach (BatchReportRow r in rows)
            {
                BatchReportItem f = r.File;
                stdout.WriteLine($"{r.Item.Input.PadRight(width)}  {f.State,-8} {f.Events?.ToString(ci) ?? "",8} {r.Rate?.ToString("0", ci) ?? "",9}  {f.Error ?? ""}");
                if (f.Report is not null)
                    stdout.WriteLine($"{"".PadRight(width)}  page: {f.Report}");
            }
            stdout.WriteLine(TotalsText(totals));
        }
        if (htmlPath is not null)
        {
            BatchIndexPage.Write(state.Manifest, rows, totals, htmlPath);
            if (!json)
                stdout.WriteLine($"Batch page: {htmlPath}");
        }
        return totals.Done + totals.Skipped == totals.Files ? CommandLine.ExitOk : CommandLine.ExitFailed;
    }

    public static int PrintStatus(BatchState state, bool json, TextWriter stdout)
    {
        var c = state.Counts();
        var jobs = state.JobIds();
        if (json)
        {
            var status = new BatchStatusJson(state.Manifest.Items.Count, c[ResultRecord.Done], c[ResultRecord.Failed], c[BatchState.Running],
                c[BatchState.Pending], c[ResultRecord.Skipped], c[BatchState.Missing], jobs);
            stdout.WriteLine(JsonSerializer.Serialize(status, BatchJson.Default.BatchStatusJson));
            return CommandLine.ExitOk;
        }
        stdout.WriteLine($"{state.Manifest.Items.Count} files: {c[ResultRecord.Done]} done, {c[ResultRecord.Failed]} failed, {c[BatchState.Running]} running, "
            + $"{c[BatchState.Pending]} pending, {c[ResultRecord.Skipped]} skipped, {c[BatchState.Missing]} missing (no result, not queued)");
        stdout.WriteLine($"{state.Waves.Count} wave{(state.Waves.Count == 1 ? "" : "s")}, jobs: {(jobs.Count == 0 ? "none submitted" : string.Join(", ", jobs))}");
        if (jobs.Count == 0)
            stdout.WriteLine("Nothing submitted yet: 'dcnum batch submit' without --dry-run submits the batch.");
        else if (c[ResultRecord.Failed] + c[BatchState.Missing] > 0 && c[BatchState.Running] + c[BatchState.Pending] == 0)
            stdout.WriteLine($"'dcnum batch resubmit {SbatchScripts.Quote(state.Manifest.PathOut)}' runs the failed and missing files again.");
        return CommandLine.ExitOk;
    }
}
