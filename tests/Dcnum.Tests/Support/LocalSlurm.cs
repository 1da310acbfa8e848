using System.Globalization;

namespace Dcnum.Tests.Support;

/// <summary>
/// The real Slurm the batch tests submit to: <c>tests/run.sh</c> starts a one-node cluster with
/// <c>../shared/tools/slurm/start-local-slurm.sh</c> and exports <c>SLURM_CONF</c>. Without a
/// reachable controller these tests fail with that instruction (never skip).
/// </summary>
public static class LocalSlurm
{
    public static async Task RequireAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SLURM_CONF")))
            throw new InvalidOperationException("SLURM_CONF is not set: run the tests with 'bash tests/run.sh', which starts a local Slurm (../shared/tools/slurm)");
        DcnumBinary.Result r;
        try
        {
            r = await DcnumBinary.RunAsync("sinfo", ["-h", "-o", "%T"], TimeSpan.FromSeconds(30));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("sinfo cannot be run (Slurm's client is not installed): run the tests with 'bash tests/run.sh'", ex);
        }
        if (r.ExitCode != 0 || r.StdOut.Trim().Length == 0)
            throw new InvalidOperationException($"the Slurm controller of SLURM_CONF does not answer (sinfo: {r.StdErr.Trim()})");
    }

    /// <summary>The cluster's MaxArraySize, as <c>scontrol show config</c> gives it.</summary>
    public static async Task<int> MaxArraySizeAsync()
    {
        var r = await DcnumBinary.RunAsync("scontrol", ["show", "config"], TimeSpan.FromSeconds(30));
        foreach (string line in r.StdOut.Split('\n'))
        {
            string[] kv = line.Split('=', 2);
            if (kv.Length == 2 && kv[0].Trim() == "MaxArraySize")
                return int.Parse(kv[1].Trim(), CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException("scontrol show config has no MaxArraySize");
    }

    /// <summary>Polls <c>squeue -h -j ID</c> until the job has left the queue (the README's recipe: exit 1 means the controller is gone).</summary>
    public static async Task WaitAsync(string jobId, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (true)
        {
            var r = await DcnumBinary.RunAsync("squeue", ["-h", "-j", jobId], TimeSpan.FromSeconds(30));
            if (r.ExitCode != 0)
                throw new InvalidOperationException($"squeue -j {jobId} failed: {r.StdErr.Trim()}");
            if (r.StdOut.Trim().Length == 0)
                return;
            if (DateTime.UtcNow > end)
                throw new TimeoutException($"job {jobId} still queued after {timeout}");
            await Task.Delay(200);
        }
    }
}
