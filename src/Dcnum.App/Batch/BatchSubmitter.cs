using System.Globalization;
using Dcnum.Cli;
using Dcnum.Common;

namespace Dcnum.Batch;

/// <summary>
/// <c>batch submit</c> and <c>batch resubmit</c>: writes the batch state, then one wave (the files
/// without a result; for resubmit also the failed ones) as job arrays plus a summary job that
/// waits for them (afterany). Nothing is submitted while the batch's jobs are still queued, nor
/// when every file has a result.
/// </summary>
internal static class BatchSubmitter
{
    public static int Run(SubmitOptions o, bool resubmit, TextWriter stdout, TextWriter stderr)
    {
        BatchLayout layout = BatchLayout.Find(o.PathOut);
        BatchManifest manifest;
        if (resubmit)
        {
            manifest = BatchManifest.Load(layout);
        }
        else
        {
            (manifest, int added) = BatchPlanner.PlanManifest(layout, o.PathIn, o.PathOut, o.ProcessArgs);
            layout.Create();
            manifest.Save(layout);
            stdout.WriteLine($"Batch {layout.Root}: {manifest.Items.Count} files ({added} new)");
        }
        // The queue is asked unless this is a dry run (which must work on a machine without Slurm).
        BatchState state = BatchState.Load(layout, askQueue: !o.DryRun);
        if (state.Queued.Count > 0)
        {
            stdout.WriteLine($"The batch is still running ({state.Queued.Count} files queued or running): nothing submitted. "
                + $"See 'dcnum batch status {manifest.PathOut}'.");
            return o.Wait ? WaitAndReport(layout, state.JobIds(), stdout, stderr) : CommandLine.ExitOk;
        }
        int[] todo = FilesToRun(state, o, resubmit, out int unchangedFailures);
        if (todo.Length == 0)
        {
            var c = state.Counts();
            stdout.WriteLine($"Nothing to submit: all {manifest.Items.Count} files have a result ({c[ResultRecord.Done]} done, "
                + $"{c[ResultRecord.Skipped]} skipped, {c[ResultRecord.Failed]} failed).");
            if (c[ResultRecord.Failed] > 0)
                stdout.WriteLine(resubmit
                    ? $"The inputs of the {c[ResultRecord.Failed]} failed files have not changed since they failed; 'dcnum batch resubmit --all-failed {manifest.PathOut}' runs them again anyway."
                    : $"'dcnum batch resubmit {manifest.PathOut}' runs the failed ones again once their inputs are fixed (--all-failed: all of them).");
            return o.Wait ? Report(layout, stdout) : CommandLine.ExitOk;
        }
        if (unchangedFailures > 0)
            stdout.WriteLine($"{unchangedFailures} failed files are left out: their inputs have not changed since they failed (--all-failed runs them too)");

        // Slurm keeps its own copy of a submitted script, so rewriting it never changes queued tasks.
        string binary = Environment.ProcessPath ?? throw new DcnumException("cannot tell where this dcnum binary is");
        if (!resubmit || !File.Exists(layout.TaskScript))
            SbatchScripts.Write(layout, o, binary);
        int filesPerTask = o.FilesPerTask ?? (resubmit && state.Waves.Count > 0 ? state.Waves[^1].FilesPerTask : 10);
        int? maxArray = SlurmClient.MaxArraySize(required: !o.DryRun);
        if (maxArray is null)
            stdout.WriteLine($"(no Slurm controller answered: arrays split at Slurm's default MaxArraySize {SlurmClient.DefaultMaxArraySize})");
        var wave = new BatchWave
        {
            // A wave that never reached Slurm (a dry run, or sbatch failed at once) is planned afresh under its number.
            Wave = state.Waves.Count > 0 && state.Waves[^1].Arrays.Count == 0 ? state.Waves.Count - 1 : state.Waves.Count,
            FilesPerTask = filesPerTask,
            Items = todo,
            Arrays = [],
            Submitted = BatchPlanner.Now(),
        };
        var split = BatchPlanner.SplitArrays(wave.TaskCount, maxArray ?? SlurmClient.DefaultMaxArraySize);
        // The tasks read their wave file as they start: it is on disk before anything is submitted.
        wave.Save(layout);
        stdout.WriteLine($"Wave {wave.Wave}: {Count(todo.Length, "file")} in {Count(wave.TaskCount, "task")} of up to {filesPerTask}, "
            + $"{Count(split.Count, "job array")} (MaxArraySize {maxArray?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})");

        List<string> overrides = resubmit ? o.SlurmOverrides() : [];
        if (o.DryRun)
        {
            PrintDryRun(layout, wave, split, o.MaxParallel, overrides, stdout);
            return CommandLine.ExitOk;
        }
        foreach (int index in todo)
            File.Delete(layout.Result(index)); // a failed file's record: the file is queued again
        wave = SubmitWave(layout, wave, split, o.MaxParallel, overrides);
        stdout.WriteLine($"Submitted job array{(wave.Arrays.Count == 1 ? "" : "s")} {string.Join(", ", wave.Arrays.Select(a => a.JobId))} "
            + $"and summary job {wave.SummaryJob} (afterany); task logs in {layout.Logs}");
        stdout.WriteLine("Next:");
        stdout.WriteLine($"  dcnum batch status {SbatchScripts.Quote(manifest.PathOut)}     files done, failed, running, pending");
        stdout.WriteLine($"  dcnum batch report {SbatchScripts.Quote(manifest.PathOut)}     every file, once the batch has ended");
        stdout.WriteLine($"  dcnum batch resubmit {SbatchScripts.Quote(manifest.PathOut)}   the failed files and those a dead node or scancel left");
        stdout.WriteLine($"  dcnum batch cancel {SbatchScripts.Quote(manifest.PathOut)}");
        return o.Wait ? WaitAndReport(layout, [.. wave.JobIds], stdout, stderr) : CommandLine.ExitOk;
    }

    /// <summary>
    /// submit: the files without a result. resubmit: also the failed ones whose input changed since
    /// (a replaced file), or every failed one with --all-failed (a full disk, a flaky file system).
    /// </summary>
    private static int[] FilesToRun(BatchState state, SubmitOptions o, bool resubmit, out int unchangedFailures)
    {
        unchangedFailures = 0;
        var todo = new List<int>();
        foreach (ManifestItem i in state.Manifest.Items)
        {
            if (!state.Results.TryGetValue(i.Index, out ResultRecord? r))
                todo.Add(i.Index);
            else if (resubmit && !r.Succeeded)
            {
                if (o.AllFailed || r.InputStamp != ResultRecord.StampOf(state.Manifest.InputPath(i)))
                    todo.Add(i.Index);
                else
                    unchangedFailures++;
            }
        }
        return [.. todo];
    }

    /// <summary>
    /// sbatch for each array, then the summary job (afterany on all of them). With a throttle, each
    /// further array waits for the one before, so %N holds for the whole wave.
    /// </summary>
    private static BatchWave SubmitWave(BatchLayout layout, BatchWave wave, List<(int Offset, int Count)> split, int? maxParallel, List<string> overrides)
    {
        var arrays = new List<ArrayJob>();
        foreach (var part in split)
        {
            string? after = maxParallel is null || arrays.Count == 0 ? null : arrays[^1].JobId;
            string id = SlurmClient.Submit(BatchPlanner.ArrayArgs(layout, wave.Wave, part, maxParallel, after, overrides));
            arrays.Add(new ArrayJob(id, part.Offset, part.Count));
            wave = wave with { Arrays = arrays };
            wave.Save(layout); // every id as soon as it exists: a failed sbatch later leaves a cancellable record
        }
        var summaryArgs = overrides.Where(a => !a.StartsWith("--cpus-per-task", StringComparison.Ordinal) && !a.StartsWith("--mem", StringComparison.Ordinal)).ToList();
        string summary = SlurmClient.Submit([$"--dependency=afterany:{string.Join(':', arrays.Select(a => a.JobId))}", .. summaryArgs, layout.SummaryScript]);
        wave = wave with { SummaryJob = summary };
        wave.Save(layout);
        return wave;
    }

    private static void PrintDryRun(BatchLayout layout, BatchWave wave, List<(int Offset, int Count)> split, int? maxParallel, List<string> overrides, TextWriter stdout)
    {
        for (int a = 0; a < split.Count; a++)
        {
            string? after = maxParallel is null || a == 0 ? null : $"<array {a - 1}>";
            var args = BatchPlanner.ArrayArgs(layout, wave.Wave, split[a], maxParallel, after, overrides);
            stdout.WriteLine("sbatch --parsable " + string.Join(' ', args.Select(SbatchScripts.Quote)));
        }
        stdout.WriteLine($"sbatch --parsable --dependency=afterany:<arrays> {SbatchScripts.Quote(layout.SummaryScript)}");
        stdout.WriteLine("Dry run: nothing submitted.");
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>Polls <c>squeue -h -j</c> until none of the jobs is queued, then prints the report (exit 0 only if every file is done or skipped).</summary>
    private static int WaitAndReport(BatchLayout layout, List<string> jobs, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine($"Waiting for jobs {string.Join(", ", jobs)} …");
        while (SlurmClient.Queue(jobs).Count > 0)
        {
            if (ProcessCommand.Interrupt.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
                throw new OperationCanceledException(); // Ctrl-C stops waiting; the jobs keep running
        }
        return Report(layout, stdout);
    }

    private static int Report(BatchLayout layout, TextWriter stdout) => BatchReport.Print(BatchState.Load(layout, askQueue: false), json: false, stdout);
}
