using System.Globalization;
using Dcnum.Batch;
using Dcnum.Common;

namespace Dcnum.Cli;

/// <summary>
/// <c>dcnum batch submit|run-task|status|report|resubmit|cancel</c>: a campaign of many files on a
/// Slurm cluster (see <c>src/Dcnum.App/Batch</c>). Slurm schedules; we plan, run one task, and report.
/// </summary>
internal static class BatchCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
            throw new UsageException("batch: missing subcommand (submit, run-task, status, report, resubmit, cancel; see 'dcnum batch --help')");
        string[] rest = args[1..];
        ProcessCommand.InstallSignalHandlers();
        switch (args[0])
        {
            case "submit":
                return BatchSubmitter.Run(SubmitOptions.Parse(rest, resubmit: false), resubmit: false, stdout, stderr);
            case "resubmit":
                return BatchSubmitter.Run(SubmitOptions.Parse(rest, resubmit: true), resubmit: true, stdout, stderr);
            case "run-task":
                return RunTask(rest, stdout, stderr);
            case "status":
            {
                var (layout, json) = PathAndJson(args[0], rest);
                return BatchReport.PrintStatus(BatchState.Load(layout, askQueue: true), json, stdout);
            }
            case "report":
            {
                var (layout, json) = PathAndJson(args[0], rest);
                return BatchReport.Print(BatchState.Load(layout, askQueue: false), json, stdout);
            }
            case "cancel":
            {
                var (layout, json) = PathAndJson(args[0], rest);
                if (json)
                    throw new UsageException("cancel: unknown option '--json'");
                BatchState state = BatchState.Load(layout, askQueue: false);
                var queued = SlurmClient.Queue(state.JobIds()).Select(q => q.JobId).Distinct().ToList();
                if (queued.Count == 0)
                {
                    stdout.WriteLine("Nothing to cancel: none of the batch's jobs is queued.");
                    return CommandLine.ExitOk;
                }
                SlurmClient.Cancel(queued);
                stdout.WriteLine($"Cancelled jobs {string.Join(", ", queued)}. Files of tasks that were running have no result; "
                    + $"'dcnum batch resubmit {SbatchScripts.Quote(state.Manifest.PathOut)}' runs them again.");
                return CommandLine.ExitOk;
            }
            default:
                throw new UsageException($"batch: unknown subcommand '{args[0]}' (submit, run-task, status, report, resubmit, cancel)");
        }
    }

    private static int RunTask(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? dir = null;
        int? task = null;
        int wave = 0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--task":
                    task = Index("--task", ++i < args.Length ? args[i] : null);
                    break;
                case "--wave":
                    wave = Index("--wave", ++i < args.Length ? args[i] : null);
                    break;
                default:
                    if (args[i].StartsWith('-') || dir is not null)
                        throw new UsageException($"run-task: unknown option or argument '{args[i]}' (run-task BATCH_DIR --task I [--wave W])");
                    dir = args[i];
                    break;
            }
        }
        if (dir is null || task is null)
            throw new UsageException("run-task needs BATCH_DIR and --task I (run-task BATCH_DIR --task I [--wave W])");
        return TaskRunner.Run(BatchLayout.Find(dir), wave, task.Value, stdout, stderr);
    }

    private static int Index(string option, string? value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new UsageException($"{option}: '{value}' is not a whole number ≥ 0");

    private static (BatchLayout Layout, bool Json) PathAndJson(string command, string[] args)
    {
        string? path = null;
        bool json = false;
        foreach (string a in args)
        {
            if (a == "--json")
                json = true;
            else if (a.StartsWith('-') || path is not null)
                throw new UsageException($"{command}: unknown option or argument '{a}' (dcnum batch {command} PATH_OUT{(command == "cancel" ? "" : " [--json]")})");
            else
                path = a;
        }
        return (BatchLayout.Find(path ?? throw new UsageException($"{command}: missing PATH_OUT")), json);
    }
}
