using System.Text.Json;
using Dcnum.Common;

namespace Dcnum.Batch;

/// <summary>One Slurm job array of a wave: its job id and the wave's tasks it runs (array index 0 = task <see cref="Offset"/>).</summary>
internal sealed record ArrayJob(string JobId, int Offset, int Count);

/// <summary>
/// <c>waves/N.json</c>: one submission (wave 0 by <c>submit</c>, later ones by <c>resubmit</c>
/// or a second <c>submit</c>): the manifest indices it runs, <see cref="FilesPerTask"/> of them per
/// task in this order, the job arrays and the summary job. A dry run writes the wave without job ids.
/// </summary>
internal sealed record BatchWave
{
    public required int Wave { get; init; }
    public required int FilesPerTask { get; init; }
    public required int[] Items { get; init; }
    public required List<ArrayJob> Arrays { get; init; }
    public string? SummaryJob { get; init; }
    public required string Submitted { get; init; }

    public int TaskCount => (Items.Length + FilesPerTask - 1) / FilesPerTask;

    /// <summary>The manifest indices task <paramref name="task"/> runs.</summary>
    public ReadOnlySpan<int> TaskItems(int task)
    {
        if (task < 0 || task >= TaskCount)
            throw new UsageException($"--task {task}: wave {Wave} has tasks 0 … {TaskCount - 1}");
        int start = task * FilesPerTask;
        return Items.AsSpan(start, Math.Min(FilesPerTask, Items.Length - start));
    }

    /// <summary>Every Slurm job id of the wave (arrays, then the summary job).</summary>
    public IEnumerable<string> JobIds => Arrays.Select(a => a.JobId).Concat(SummaryJob is null ? [] : [SummaryJob]);

    public void Save(BatchLayout layout) => AtomicFile.WriteAllText(layout.Wave(Wave), JsonSerializer.Serialize(this, BatchJson.Default.BatchWave));

    public static BatchWave Load(BatchLayout layout, int wave)
    {
        string path = layout.Wave(wave);
        if (!File.Exists(path))
            throw DcnumException.ForFile(path, $"missing (the batch has no wave {wave})");
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), BatchJson.Default.BatchWave)
                ?? throw DcnumException.ForFile(path, "is empty");
        }
        catch (JsonException ex)
        {
            throw DcnumException.ForFile(path, $"is damaged ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    /// <summary>Every wave of the batch, in order.</summary>
    public static List<BatchWave> LoadAll(BatchLayout layout)
    {
        var waves = new List<BatchWave>();
        for (int w = 0; File.Exists(layout.Wave(w)); w++)
            waves.Add(Load(layout, w));
        return waves;
    }
}
