using System.Globalization;
using Dcnum.Common;
using Dcnum.Job;
using Dcnum.Read;

namespace Dcnum.Cli;

/// <summary>
/// <c>dcnum process PATH_IN [PATH_OUT] [options]</c>: the whole job, with chipstream-cli's options
/// and defaults (see <see cref="ProcessOptions"/>). Prints the pipeline identifiers like
/// chipstream-cli, then processes (unless <c>--dry-run</c>) and prints a summary.
/// </summary>
internal static class ProcessCommand
{
    /// <summary>Set by SIGINT (Ctrl-C) or SIGTERM: the run stops, removes its temporary files and exits 130 or 143.</summary>
    internal static readonly CancellationTokenSource Interrupt = new();

    /// <summary>The exit code for the signal that interrupted the run.</summary>
    internal static int InterruptExitCode { get; private set; } = 130;

    private static int s_handlersInstalled;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ProcessOptions options = ProcessOptions.Parse(args);
        InstallSignalHandlers();
        if (options.Recursive)
            return RunRecursive(options, stdout, stderr);
        if (Directory.Exists(options.PathIn))
            throw DcnumException.ForFile(options.PathIn, "is a directory (did you forget --recursive?)");
        if (options.PathOut is not null && Directory.Exists(options.PathOut))
            throw DcnumException.ForFile(options.PathOut, "PATH_OUT must be a file path, not a directory");
        return RunOne(options, stdout, stderr);
    }

    /// <summary>
    /// chipstream-cli <c>-r</c>: every <c>*.rtdc</c> below PATH_IN (sorted, skipping <c>*_dcn.rtdc</c>),
    /// each to <c>&lt;stem&gt;_dcn.rtdc</c> beside it, or under PATH_OUT in the same relative folders.
    /// Unlike chipstream-cli, one failing file does not stop the batch; the exit code is 1 if any failed.
    /// </summary>
    private static int RunRecursive(ProcessOptions options, TextWriter stdout, TextWriter stderr)
    {
        if (!Directory.Exists(options.PathIn))
            throw DcnumException.ForFile(options.PathIn, "--recursive needs a directory");
        string root = Path.GetFullPath(options.PathIn);
        List<string> inputs = FindInputs(root);
        int failed = 0;
        foreach (string input in inputs)
        {
            string? output = null;
            if (options.PathOut is not null)
            {
                output = Path.Combine(Path.GetFullPath(options.PathOut), MirroredOutput(Path.GetRelativePath(root, input)));
                Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            }
            stdout.WriteLine();
            stdout.WriteLine($"Processing {input}");
            ProcessOptions one = options with { PathIn = input, PathOut = output, Recursive = false };
            try
            {
                RunOne(one, stdout, stderr);
            }
            catch (DcnumException ex)
            {
                stderr.WriteLine($"dcnum: error: {ex.Message}");
                failed++;
            }
            if (options.DryRun)
            {
                stdout.WriteLine("Stopping dry run after one file");
                break;
            }
        }
        if (failed > 0)
            stderr.WriteLine($"dcnum: {failed} of {inputs.Count} files could not be processed");
        return failed > 0 ? CommandLine.ExitFailed : CommandLine.ExitOk;
    }

    /// <summary>The inputs of <c>-r</c> below <paramref name="root"/> (absolute, sorted ordinally, no <c>*_dcn.rtdc</c>); also what <c>batch submit</c> plans.</summary>
    internal static List<string> FindInputs(string root)
        => Directory.EnumerateFiles(root, "*.rtdc", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith("_dcn.rtdc", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>An input's output path relative to PATH_OUT, given its path relative to PATH_IN: <c>sub/x.rtdc</c> → <c>sub/x_dcn.rtdc</c>.</summary>
    internal static string MirroredOutput(string relativeInput) => Path.ChangeExtension(relativeInput, null) + "_dcn.rtdc";

    internal static void InstallSignalHandlers()
    {
        if (Interlocked.Exchange(ref s_handlersInstalled, 1) == 1)
            return;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // let the run unwind and clean up
            InterruptExitCode = 130;
            Interrupt.Cancel();
        };
        s_sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            InterruptExitCode = 143;
            Interrupt.Cancel();
        });
    }

    private static System.Runtime.InteropServices.PosixSignalRegistration? s_sigterm;

    private static int RunOne(ProcessOptions options, TextWriter stdout, TextWriter stderr)
    {
        RunJob(ResolveJob(options), options, stdout, stderr);
        return CommandLine.ExitOk;
    }

    /// <summary>The job for one input (its metadata read, flicker detection run); a file that cannot be read is a one-line <see cref="DcnumException"/>.</summary>
    internal static PipelineJob ResolveJob(ProcessOptions options)
    {
        try
        {
            using RtdcFile input = RtdcFile.Open(options.PathIn);
            return PipelineJob.From(options, input);
        }
        catch (Exception ex) when (ex is not (DcnumException or UsageException or OperationCanceledException))
        {
            // Resolving the job reads metadata and, for flicker detection, frames: name the file.
            string detail = ex.InnerException is { } inner ? $"{ex.Message.TrimEnd('.')}: {inner.Message.TrimEnd('.')}" : ex.Message.TrimEnd('.');
            throw DcnumException.ForFile(options.PathIn, $"cannot be read ({detail})", ex);
        }
    }

    /// <summary>Prints the pipeline identifiers, runs the job (unless a dry run) and prints the summary line; null for a dry run.</summary>
    internal static JobSummary? RunJob(PipelineJob job, ProcessOptions options, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine($"Data ID:\t{job.DataPpid}");
        stdout.WriteLine($"Background ID:\t{job.BackgroundPpid}");
        stdout.WriteLine($"Segmenter ID:\t{job.SegmenterPpid}");
        stdout.WriteLine($"Feature ID:\t{job.FeaturePpid}");
        stdout.WriteLine($"Gate ID:\t{job.GatePpid}");
        stdout.WriteLine($"Pipeline hash:\t{job.Hash}");
        if (options.DryRun)
        {
            stdout.WriteLine("Dry run complete");
            return null;
        }
        if (File.Exists(job.PathOut) && !job.Force)
            throw DcnumException.ForFile(job.PathOut, "exists already (use --force to replace it)");

        bool showProgress = options.Progress == "json" || (options.Progress == "auto" && !Console.IsErrorRedirected);
        var runner = new JobRunner(job, showProgress ? state => Report(stderr, options.Progress == "json", state) : null, Interrupt.Token)
        {
            // --verbose: the run log as it happens (it is stored in the output's logs/dcnum-log-* too).
            LogLine = options.Verbose ? line => stderr.WriteLine(showProgress && options.Progress != "json" ? "\r" + line.PadRight(60) : line) : null,
        };
        var summary = runner.Run();
        if (showProgress && options.Progress != "json")
            stderr.WriteLine();
        var ci = CultureInfo.InvariantCulture;
        double seconds = summary.Elapsed.TotalSeconds;
        if (summary.Frames == 0)
        {
            stdout.WriteLine($"Nothing to recompute (the input carries this pipeline's results): {summary.Events} events "
                + $"{(job.Drain ? "copied" : "linked")} in {seconds.ToString("0.00", ci)} s: {summary.PathOut}");
        }
        else
        {
            stdout.WriteLine($"Processed {summary.Frames} frames into {summary.Events} events in {seconds.ToString("0.00", ci)} s "
                + $"({(summary.Frames / Math.Max(seconds, 1e-9)).ToString("0", ci)} frames/s): {summary.PathOut}");
        }
        if (options.Report)
        {
            // --report: the page of the output just written, <output stem>.html beside it.
            string page = Dcnum.Report.ReportPage.DefaultPath(summary.PathOut);
            Dcnum.Report.ReportPage.Write(summary.PathOut, page);
            stdout.WriteLine($"Report: {page}");
        }
        return summary;
    }

    private static void Report(TextWriter stderr, bool json, JobProgress p)
    {
        var ci = CultureInfo.InvariantCulture;
        if (json)
        {
            stderr.WriteLine($"{{\"state\": \"{p.State}\", \"progress\": {p.Progress.ToString("0.0000", ci)}, \"frames_per_s\": {p.FramesPerSecond.ToString("0.0", ci)}}}");
            return;
        }
        string rate = p.FramesPerSecond > 0 ? $", {p.FramesPerSecond.ToString("0", ci)} frames/s" : "";
        string eta = p.Remaining is { } r && p.Stage == ProgressStage.Segmentation ? $", ETA {r.TotalSeconds.ToString("0", ci)} s" : "";
        stderr.Write($"\rProcessing {(p.Progress * 100).ToString("0", ci)}% ({p.State}{rate}{eta})".PadRight(60));
    }
}
