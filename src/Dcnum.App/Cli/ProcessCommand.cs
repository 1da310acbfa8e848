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
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ProcessOptions options = ProcessOptions.Parse(args);
        if (options.Recursive)
            throw new UsageException("--recursive is not supported yet by dcnum-native");
        if (Directory.Exists(options.PathIn))
            throw DcnumException.ForFile(options.PathIn, "is a directory (did you forget --recursive?)");
        if (options.PathOut is not null && Directory.Exists(options.PathOut))
            throw DcnumException.ForFile(options.PathOut, "PATH_OUT must be a file path, not a directory");

        PipelineJob job;
        using (RtdcFile input = RtdcFile.Open(options.PathIn))
            job = PipelineJob.From(options, input);
        stdout.WriteLine($"Data ID:\t{job.DataPpid}");
        stdout.WriteLine($"Background ID:\t{job.BackgroundPpid}");
        stdout.WriteLine($"Segmenter ID:\t{job.SegmenterPpid}");
        stdout.WriteLine($"Feature ID:\t{job.FeaturePpid}");
        stdout.WriteLine($"Gate ID:\t{job.GatePpid}");
        stdout.WriteLine($"Pipeline hash:\t{job.Hash}");
        if (options.DryRun)
        {
            stdout.WriteLine("Dry run complete");
            return CommandLine.ExitOk;
        }
        if (File.Exists(job.PathOut) && !job.Force)
            throw DcnumException.ForFile(job.PathOut, "exists already (use --force to replace it)");

        bool showProgress = options.Progress == "json" || (options.Progress == "auto" && !Console.IsErrorRedirected);
        var summary = new JobRunner(job, showProgress ? state => Report(stderr, options.Progress == "json", state) : null).Run();
        if (showProgress && options.Progress != "json")
            stderr.WriteLine();
        var ci = CultureInfo.InvariantCulture;
        double seconds = summary.Elapsed.TotalSeconds;
        stdout.WriteLine($"Processed {summary.Frames} frames into {summary.Events} events in {seconds.ToString("0.00", ci)} s "
            + $"({(summary.Frames / Math.Max(seconds, 1e-9)).ToString("0", ci)} frames/s): {summary.PathOut}");
        return CommandLine.ExitOk;
    }

    private static void Report(TextWriter stderr, bool json, string state)
    {
        if (json)
            stderr.WriteLine($"{{\"state\": \"{state}\"}}");
        else
            stderr.Write($"\rProcessing ({state})".PadRight(40));
    }
}
