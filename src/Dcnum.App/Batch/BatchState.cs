namespace Dcnum.Batch;

/// <summary>
/// Where every file of a batch stands: its result record if it has one (done, skipped, failed),
/// else what Slurm's queue says about the task that holds it (running, pending), else
/// <c>missing</c> (its task ended without a record: a dead node, a cancelled or killed task;
/// <c>resubmit</c> runs it again). Without a queue (<c>report</c>) every file without a record is pending.
/// </summary>
internal sealed class BatchState
{
    public const string Running = "running";
    public const string Pending = "pending";
    public const string Missing = "missing";

    public required BatchManifest Manifest { get; init; }
    public required List<BatchWave> Waves { get; init; }
    public required Dictionary<int, ResultRecord> Results { get; init; }
    /// <summary>Manifest index → running or pending, for files whose task Slurm still has queued.</summary>
    public required Dictionary<int, string> Queued { get; init; }
    /// <summary>Whether the queue was asked (status, submit) or not (report).</summary>
    public required bool QueueKnown { get; init; }

    public static BatchState Load(BatchLayout layout, bool askQueue)
    {
        BatchManifest manifest = BatchManifest.Load(layout);
        List<BatchWave> waves = BatchWave.LoadAll(layout);
        var queued = new Dictionary<int, string>();
        if (askQueue)
        {
            var jobs = waves.SelectMany(w => w.Arrays.Select(a => a.JobId)).ToList();
            var byTask = SlurmClient.Queue(jobs).Where(q => q.ArrayTask is not null).ToLookup(q => (q.JobId, q.ArrayTask!.Value));
            foreach (BatchWave wave in waves)
            {
                foreach (ArrayJob array in wave.Arrays)
                {
                    for (int t = 0; t < array.Count; t++)
                    {
                        var q = byTask[(array.JobId, t)].ToList();
                        if (q.Count == 0)
                            continue;
                        string state = q.Any(x => x.Running) ? Running : Pending;
                        foreach (int index in wave.TaskItems(array.Offset + t))
                            queued[index] = state;
                    }
                }
            }
        }
        return new BatchState
        {
            Manifest = manifest,
            Waves = waves,
            Results = ResultRecord.LoadAll(layout),
            Queued = queued,
            QueueKnown = askQueue,
        };
    }

    /// <summary>The state of one file (see the class summary).</summary>
    public string StateOf(int index)
    {
        // A record is final: a resubmit removes the failed records of the files it queues again.
        if (Results.TryGetValue(index, out ResultRecord? r))
            return r.State;
        if (Queued.TryGetValue(index, out string? q))
            return q;
        return QueueKnown ? Missing : Pending;
    }

    /// <summary>Files per state, in a fixed order (done, skipped, failed, running, pending, missing).</summary>
    public Dictionary<string, int> Counts()
    {
        var counts = new Dictionary<string, int>
        {
            [ResultRecord.Done] = 0, [ResultRecord.Skipped] = 0, [ResultRecord.Failed] = 0,
            [Running] = 0, [Pending] = 0, [Missing] = 0,
        };
        foreach (ManifestItem item in Manifest.Items)
            counts[StateOf(item.Index)]++;
        return counts;
    }

    /// <summary>Every job id the batch's waves submitted (arrays and summary jobs).</summary>
    public List<string> JobIds() => Waves.SelectMany(w => w.JobIds).ToList();
}
