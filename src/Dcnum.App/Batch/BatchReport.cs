using System.Globalization;
using System.Text.Json;
using Dcnum.Cli;

namespace Dcnum.Batch;

/// <summary>One file in <c>batch report --json</c>.</summary>
internal sealed record BatchReportItem(string Input, string Output, string State, long? Frames, long? Events, double? Seconds, string? Error);

/// <summary><c>batch report --json</c>: counts and every file.</summary>
internal sealed record BatchReportJson(int Files, int Done, int Failed, int Skipped, int Pending, List<BatchReportItem> Items);

/// <summary><c>batch status --json</c>: counts only, the queue included.</summary>
internal sealed record BatchStatusJson(int Files, int Done, int Failed, int Running, int Pending, int Skipped, int Missing, List<string> Jobs);

/// <summary>
/// <c>batch report</c>: every file (state, events, frames/s, error) and the totals, from the result
/// records alone (it is what the summary job prints, when no task is queued any more), and
/// <c>batch status</c>: the counts with the queue. Report's exit code is 0 only when every file is done or skipped.
/// </summary>
internal static class BatchReport
{
    public static int Print(BatchState state, bool json, TextWriter stdout)
    {
        var ci = CultureInfo.InvariantCulture;
        BatchManifest m = state.Manifest;
        var counts = state.Counts();
        int pending = counts[BatchState.Pending] + counts[BatchState.Running] + counts[BatchState.Missing];
        if (json)
        {
            var items = m.Items.Select(i =>
            {
                ResultRecord? r = state.Results.GetValueOrDefault(i.Index);
                return new BatchReportItem(m.InputPath(i), m.OutputPath(i), state.StateOf(i.Index), r?.Frames, r?.Events, r?.Seconds, r?.Error);
            }).ToList();
            var report = new BatchReportJson(m.Items.Count, counts[ResultRecord.Done], counts[ResultRecord.Failed], counts[ResultRecord.Skipped], pending, items);
            stdout.WriteLine(JsonSerializer.Serialize(report, BatchJson.Default.BatchReportJson));
        }
        else
        {
            int width = Math.Clamp(m.Items.Count == 0 ? 5 : m.Items.Max(i => i.Input.Length), 5, 60);
            stdout.WriteLine($"{"input".PadRight(width)}  {"state",-8} {"events",8} {"frames/s",9}  error");
            long events = 0, frames = 0;
            double seconds = 0;
            foreach (ManifestItem i in m.Items)
            {
                ResultRecord? r = state.Results.GetValueOrDefault(i.Index);
                events += r?.Events ?? 0;
                frames += r?.State == ResultRecord.Done ? r.Frames ?? 0 : 0;
                seconds += r?.State == ResultRecord.Done ? r.Seconds : 0;
                string rate = r is { State: ResultRecord.Done, Frames: > 0 } ? (r.Frames.Value / Math.Max(r.Seconds, 1e-9)).ToString("0", ci) : "";
                stdout.WriteLine($"{i.Input.PadRight(width)}  {state.StateOf(i.Index),-8} {r?.Events?.ToString(ci) ?? "",8} {rate,9}  {r?.Error ?? ""}");
            }
            stdout.WriteLine($"{m.Items.Count} files: {counts[ResultRecord.Done]} done, {counts[ResultRecord.Skipped]} skipped, "
                + $"{counts[ResultRecord.Failed]} failed, {pending} pending; {events} events; "
                + $"{frames} frames processed in {seconds.ToString("0.0", ci)} s of task time");
        }
        return counts[ResultRecord.Done] + counts[ResultRecord.Skipped] == m.Items.Count ? CommandLine.ExitOk : CommandLine.ExitFailed;
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
