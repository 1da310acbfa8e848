using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Dcnum.Common;

namespace Dcnum.Batch;

/// <summary>One array task (or plain job) that Slurm still has in its queue.</summary>
internal readonly record struct QueuedTask(string JobId, int? ArrayTask, bool Running);

/// <summary>
/// The Slurm commands the batch uses, called as processes: <c>sbatch --parsable</c>,
/// <c>squeue</c> (never <c>sacct</c>: clusters without accounting storage exist),
/// <c>scancel</c> and <c>scontrol show config</c>. Every client needs the cluster's
/// configuration (<c>SLURM_CONF</c> or the system default); a missing command or an unreachable
/// controller is a one-line error.
/// </summary>
internal static class SlurmClient
{
    /// <summary>Slurm's default MaxArraySize (array indices 0 … 1000), used by a dry run where no cluster answers.</summary>
    public const int DefaultMaxArraySize = 1001;

    public readonly record struct Output(int ExitCode, string StdOut, string StdErr);

    public static Output Run(string command, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(psi) ?? throw new DcnumException($"{command}: cannot be started");
            process.StandardInput.Close();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new Output(process.ExitCode, stdout, stderr.Result);
        }
        catch (Win32Exception ex)
        {
            throw new DcnumException($"{command}: cannot be run ({ex.Message}); is Slurm's client installed and on PATH?", ex);
        }
    }

    /// <summary>sbatch --parsable ARGS: the new job id ("123" of "123;cluster").</summary>
    public static string Submit(IReadOnlyList<string> args)
    {
        Output o = Run("sbatch", ["--parsable", .. args]);
        string id = o.StdOut.Trim().Split(';')[0];
        if (o.ExitCode != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
            throw new DcnumException($"sbatch failed (exit {o.ExitCode}): {OneLine(o.StdErr + " " + o.StdOut)}");
        return id;
    }

    /// <summary>
    /// The cluster's MaxArraySize (array indices must be below it), from <c>scontrol show config</c>.
    /// If no controller answers: null when <paramref name="required"/> is false (a dry run), else an error.
    /// </summary>
    public static int? MaxArraySize(bool required)
    {
        Output o;
        try
        {
            o = Run("scontrol", ["show", "config"]);
        }
        catch (DcnumException) when (!required)
        {
            return null;
        }
        if (o.ExitCode != 0)
            return required ? throw new DcnumException($"scontrol show config failed (exit {o.ExitCode}): {OneLine(o.StdErr)}") : null;
        foreach (string line in o.StdOut.Split('\n'))
        {
            int eq = line.IndexOf('=');
            if (eq > 0 && line[..eq].Trim() == "MaxArraySize"
                && int.TryParse(line[(eq + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int max) && max > 0)
                return max;
        }
        return DefaultMaxArraySize;
    }

    /// <summary>
    /// The tasks of these jobs still in the queue, one per array task (<c>squeue -r</c>). Jobs that
    /// Slurm has forgotten (finished longer than MinJobAge ago) are simply absent; an unreachable
    /// controller is an error, never "nothing queued".
    /// </summary>
    public static List<QueuedTask> Queue(IReadOnlyCollection<string> jobIds)
    {
        var queued = new List<QueuedTask>();
        if (jobIds.Count == 0)
            return queued;
        Output o = Run("squeue", ["-h", "-r", "-j", string.Join(',', jobIds), "-o", "%F|%K|%T"]);
        if (o.ExitCode != 0)
        {
            // squeue exits 1 "Invalid job id specified" when none of the ids is known any more.
            if (o.StdErr.Contains("Invalid job id", StringComparison.Ordinal))
                return queued;
            throw new DcnumException($"squeue failed (exit {o.ExitCode}): {OneLine(o.StdErr)}");
        }
        foreach (string line in o.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] f = line.Split('|');
            if (f.Length < 3)
                continue;
            int? task = int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int t) ? t : null;
            queued.Add(new QueuedTask(f[0], task, f[2] is "RUNNING" or "COMPLETING" or "CONFIGURING" or "SUSPENDED" or "STOPPED"));
        }
        return queued;
    }

    /// <summary>scancel these jobs (whole arrays) or tasks ("123_4").</summary>
    public static void Cancel(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
            return;
        Output o = Run("scancel", ids);
        if (o.ExitCode != 0)
            throw new DcnumException($"scancel failed (exit {o.ExitCode}): {OneLine(o.StdErr)}");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();
}
