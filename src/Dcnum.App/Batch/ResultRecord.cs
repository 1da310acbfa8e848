using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dcnum.Batch;

/// <summary>
/// <c>results/NNNNNN.json</c>: what became of one file, written atomically by the task that ran
/// it. <see cref="State"/> is <c>done</c> (processed), <c>skipped</c> (its output already
/// existed with the same pipeline hash) or <c>failed</c> (with the one-line error). A file
/// without a record has not finished: its task is queued, running, or died.
/// </summary>
internal sealed record ResultRecord
{
    public const string Done = "done";
    public const string Skipped = "skipped";
    public const string Failed = "failed";

    public required int Index { get; init; }
    public required string Input { get; init; }
    public required string Output { get; init; }
    public required string State { get; init; }
    public required int ExitCode { get; init; }
    public long? Frames { get; init; }
    public long? Events { get; init; }
    public required double Seconds { get; init; }
    public string? Error { get; init; }
    public string? PipelineHash { get; init; }
    /// <summary>The input's size and modification time when it ran: a failed file whose input is unchanged would fail again.</summary>
    public string? InputStamp { get; init; }
    public string? Host { get; init; }
    /// <summary>SLURM_JOB_ID of the task (or null outside Slurm).</summary>
    public string? SlurmJob { get; init; }
    public required string Finished { get; init; }

    /// <summary>"SIZE@MTIME_TICKS" of a file, or null if it is gone.</summary>
    public static string? StampOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{info.Length}@{info.LastWriteTimeUtc.Ticks}" : null;
    }

    [JsonIgnore]
    public bool Succeeded => State is Done or Skipped;

    public void Save(BatchLayout layout) => AtomicFile.WriteAllText(layout.Result(Index), JsonSerializer.Serialize(this, BatchJson.Default.ResultRecord));

    /// <summary>The file's record, or null if there is none (or it cannot be read: then the file counts as not finished).</summary>
    public static ResultRecord? Load(BatchLayout layout, int index)
    {
        string path = layout.Result(index);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), BatchJson.Default.ResultRecord);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Every record, by index (one directory listing instead of a probe per file).</summary>
    public static Dictionary<int, ResultRecord> LoadAll(BatchLayout layout)
    {
        var records = new Dictionary<int, ResultRecord>();
        if (!Directory.Exists(layout.Results))
            return records;
        foreach (string path in Directory.EnumerateFiles(layout.Results, "*.json"))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(path), out int index) && Load(layout, index) is { } r)
                records[index] = r;
        }
        return records;
    }
}
