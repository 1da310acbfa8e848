using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dcnum.Report;

/// <summary>
/// What the page takes from a run's logs: the <c>dcnum-job-&lt;time&gt;</c> log (the job as JSON:
/// versions, input, basin strategy, compression, workers) and the <c>dcnum-log-&lt;time&gt;</c> run log
/// of the same run (frame count, run duration, warnings). A file processed more than once carries
/// every run's logs (the input's are copied); the latest run is the one that made this file.
/// </summary>
public sealed partial record RunLogs(
    string? Started, string? Version, string? PathIn, string? BasinStrategy, string? Compression, long? Workers,
    long? Frames, TimeSpan? Duration, IReadOnlyList<string> Warnings)
{
    public static readonly RunLogs None = new(null, null, null, null, null, null, null, null, []);

    [GeneratedRegex(@"Reached dataset end \(frame (\d+) of (\d+)\)")]
    private static partial Regex DatasetEnd();

    [GeneratedRegex(@"Run duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")]
    private static partial Regex RunDuration();

    public static RunLogs From(IReadOnlyDictionary<string, string[]> logs)
    {
        string? jobName = logs.Keys.Where(k => k.StartsWith("dcnum-job-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault();
        if (jobName is null)
            return None;
        string stamp = jobName["dcnum-job-".Length..];
        string? started = DateTime.TryParseExact(stamp, "yyyy-MM-dd-HH.mm.ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime t)
            ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : stamp;
        string? version = null, pathIn = null, strategy = null, compression = null;
        long? workers = null;
        try
        {
            using var doc = JsonDocument.Parse(string.Join('\n', logs[jobName]));
            JsonElement root = doc.RootElement;
            if (root.TryGetProperty("dcnum-native version", out JsonElement native) && native.ValueKind == JsonValueKind.String)
                version = $"dcnum-native {native.GetString()}";
            else if (root.TryGetProperty("dcnum version", out JsonElement dcnum))
                version = "dcnum " + (dcnum.ValueKind == JsonValueKind.Array ? string.Join('.', dcnum.EnumerateArray().Select(e => e.ToString())) : dcnum.ToString());
            if (root.TryGetProperty("job", out JsonElement job) && job.ValueKind == JsonValueKind.Object)
            {
                pathIn = Text(job, "path_in");
                strategy = Text(job, "basin_strategy");
                compression = Text(job, "compression");
                if (job.TryGetProperty("num_procs", out JsonElement n) && n.TryGetInt64(out long procs))
                    workers = procs;
            }
        }
        catch (JsonException)
        {
            // A job log that is not JSON: the page shows what the attributes say and nothing from the log.
        }

        long? frames = null;
        TimeSpan? duration = null;
        var warnings = new List<string>();
        if (logs.TryGetValue("dcnum-log-" + stamp, out string[]? run))
        {
            foreach (string line in run)
            {
                if (DatasetEnd().Match(line) is { Success: true } end)
                    frames = long.Parse(end.Groups[2].Value, CultureInfo.InvariantCulture);
                else if (RunDuration().Match(line) is { Success: true } d)
                {
                    duration = TimeSpan.FromHours(int.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture))
                        + TimeSpan.FromMinutes(int.Parse(d.Groups[2].Value, CultureInfo.InvariantCulture))
                        + TimeSpan.FromSeconds(double.Parse(d.Groups[3].Value, CultureInfo.InvariantCulture));
                }
                if (line.Contains(" WARNING ", StringComparison.Ordinal) || line.Contains(" ERROR ", StringComparison.Ordinal))
                    warnings.Add(line);
            }
        }
        return new RunLogs(started, version, pathIn, strategy, compression, workers, frames, duration, warnings);
    }

    private static string? Text(JsonElement obj, string name)
        => obj.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    /// <summary>"0:00:12 (12 s)"; the logs count whole seconds, so a shorter run is "under 1 s".</summary>
    public string? DurationText => Duration is not { } d ? null
        : d.TotalSeconds < 1 ? "under 1 s (the log counts whole seconds)"
        : $"{(int)d.TotalHours}:{d.Minutes:00}:{d.Seconds:00} ({d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)";

    /// <summary>Frames per second over the whole run, when the log gives both.</summary>
    public string? RateText => Frames is not { } f || Duration is not { } d ? null
        : d.TotalSeconds < 1 ? $"over {f.ToString(CultureInfo.InvariantCulture)} frames/s"
        : $"{(f / d.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)} frames/s";
}
