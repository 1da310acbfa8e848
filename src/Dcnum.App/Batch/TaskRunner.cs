using System.Diagnostics;
using System.Globalization;
using Dcnum.Cli;
using Dcnum.Common;
using Dcnum.Job;
using Dcnum.Read;

namespace Dcnum.Batch;

/// <summary>
/// <c>batch run-task BATCH_DIR --task I [--wave W]</c>: what one array task does (and what works
/// the same on any machine, by hand or under GNU parallel). Each of its files goes through
/// <c>process</c>'s own job resolution and run with the batch's options, <c>--num-cpus</c> from
/// <c>SLURM_CPUS_PER_TASK</c>; each gets a result record written atomically. A file with a
/// <c>done</c> record, or whose output already carries the same pipeline hash, is not run again,
/// so a rerun resumes. An interrupted file (scancel: SIGTERM) gets no record: its temporaries are
/// removed, the task exits 143 and the file counts as missing until it is resubmitted.
/// </summary>
internal static class TaskRunner
{
    public static int Run(BatchLayout layout, int wave, int task, TextWriter stdout, TextWriter stderr)
    {
        ProcessCommand.InstallSignalHandlers();
        BatchManifest manifest = BatchManifest.Load(layout);
        BatchWave w = BatchWave.Load(layout, wave);
        int[] items = w.TaskItems(task).ToArray();
        int? slurmCpus = int.TryParse(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), NumberStyles.None, CultureInfo.InvariantCulture, out int c) && c > 0 ? c : null;
        int failed = 0;
        for (int k = 0; k < items.Length; k++)
        {
            ProcessCommand.Interrupt.Token.ThrowIfCancellationRequested();
            ManifestItem item = manifest.Items[items[k]];
            string input = manifest.InputPath(item), output = manifest.OutputPath(item);
            stdout.WriteLine();
            stdout.WriteLine($"[{k + 1}/{items.Length}] file {item.Index}: {input}");
            if (ResultRecord.Load(layout, item.Index) is { Succeeded: true } earlier && File.Exists(output))
            {
                stdout.WriteLine($"Already {earlier.State}: {output}");
                continue;
            }
            ResultRecord record = RunFile(manifest, item, slurmCpus, stdout);
            record.Save(layout);
            if (record.Error is not null)
            {
                stderr.WriteLine($"dcnum: error: {record.Error}");
                failed++;
            }
        }
        stdout.WriteLine();
        stdout.WriteLine($"Task {task} of wave {wave}: {items.Length - failed} of {items.Length} files done or skipped, {failed} failed");
        return failed > 0 ? CommandLine.ExitFailed : CommandLine.ExitOk;
    }

    private static ResultRecord RunFile(BatchManifest manifest, ManifestItem item, int? slurmCpus, TextWriter stdout)
    {
        string input = manifest.InputPath(item), output = manifest.OutputPath(item);
        var watch = Stopwatch.StartNew();
        var record = new ResultRecord
        {
            Index = item.Index,
            Input = input,
            Output = output,
            State = ResultRecord.Failed,
            ExitCode = CommandLine.ExitFailed,
            Seconds = 0,
            Host = Environment.MachineName,
            SlurmJob = SlurmJobName(),
            InputStamp = ResultRecord.StampOf(input),
            Finished = "",
        };
        try
        {
            ProcessOptions options = ProcessOptions.Parse([input, output, .. manifest.ProcessArgs]);
            options = options with { NumCpus = slurmCpus ?? options.NumCpus, Progress = "none" };
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            PipelineJob job = ProcessCommand.ResolveJob(options);
            if (!options.Force && File.Exists(output) && HashOf(output) == job.Hash)
            {
                stdout.WriteLine($"Skipped: the output exists with the same pipeline hash {job.Hash}: {output}");
                return Finish(record with { State = ResultRecord.Skipped, ExitCode = CommandLine.ExitOk, PipelineHash = job.Hash });
            }
            JobSummary summary = ProcessCommand.RunJob(job, options, stdout, stdout)!;
            return Finish(record with { State = ResultRecord.Done, ExitCode = CommandLine.ExitOk, Frames = summary.Frames, Events = summary.Events, PipelineHash = job.Hash });
        }
        catch (OperationCanceledException)
        {
            throw; // interrupted: no record; the file stays missing until it is resubmitted
        }
        catch (UsageException ex)
        {
            return Finish(record with { ExitCode = CommandLine.ExitUsage, Error = $"{input}: {ex.Message}" });
        }
        catch (DcnumException ex)
        {
            return Finish(record with { Error = ex.Message });
        }
        catch (Exception ex)
        {
            return Finish(record with { Error = $"{input}: {ex.GetType().Name}: {ex.Message}" });
        }

        ResultRecord Finish(ResultRecord r) => r with { Seconds = Math.Round(watch.Elapsed.TotalSeconds, 3), Finished = BatchPlanner.Now() };
    }

    /// <summary>The pipeline hash an existing output carries, or null if it has none or cannot be read.</summary>
    private static string? HashOf(string output)
    {
        try
        {
            using RtdcFile file = RtdcFile.Open(output);
            return file.AttributeText("pipeline:dcnum hash");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    private static string? SlurmJobName()
    {
        string? array = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        string? task = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        return array is not null && task is not null ? $"{array}_{task}" : Environment.GetEnvironmentVariable("SLURM_JOB_ID");
    }
}
