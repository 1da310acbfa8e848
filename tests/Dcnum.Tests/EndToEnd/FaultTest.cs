using System.Diagnostics;
using Dcnum.Meta;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>
/// Faults during a run of the published binary: SIGKILL (nothing under the final name, the next
/// run succeeds and removes the killed run's temporaries) and a full disk (a file-size limit).
/// </summary>
public class FaultTest
{
    [Test]
    public async Task SigKill_MidRun_LeavesNoOutput_NextRunCleansUp()
    {
        using var temp = new TempDirectory("dcnum-kill-");
        string output = Path.Combine(temp.Path, "out.rtdc");
        string[] args = ["process", SharedData.Data("bench_2000.rtdc"), output, "--drain-basins", "--num-cpus", "1", "--progress", "none"];
        var psi = new ProcessStartInfo(DcnumBinary.Path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using (var process = Process.Start(psi)!)
        {
            _ = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            // Kill it once events are being spooled (its temporaries exist).
            for (int waited = 0; waited < 30_000 && !process.HasExited && Directory.GetFiles(temp.Path, ".out_spool_*").Length == 0; waited += 5)
                await Task.Delay(5);
            process.Kill();
            await process.WaitForExitAsync();
        }
        await Assert.That(File.Exists(output)).IsFalse();
        string[] stale = Directory.GetFiles(temp.Path).Select(f => Path.GetFileName(f)).ToArray();
        await Assert.That(stale.Any(f => f.StartsWith(".out_spool_", StringComparison.Ordinal))).IsTrue();

        var again = await DcnumBinary.RunAsync(args);
        await Assert.That(again.StdErr).IsEqualTo("");
        await Assert.That(again.ExitCode).IsEqualTo(0);
        // Only the output is left: the killed run's temporaries and its .log are gone.
        await Assert.That(Directory.GetFiles(temp.Path).Select(f => Path.GetFileName(f)).ToArray()).IsEquivalentTo(new[] { "out.rtdc" });
    }

    [Test]
    public async Task DiskFull_IsOneLine_NoOutput_NoTemporaries()
    {
        using var temp = new TempDirectory("dcnum-full-");
        string output = Path.Combine(temp.Path, "out.rtdc");
        string input = SharedData.Data("cytoshot-test-data.rtdc");
        string before = Md5.HexOf(File.ReadAllBytes(input));
        // A 256 KiB file-size limit: writes beyond it fail with EFBIG (SIGXFSZ ignored), like a full disk.
        string command = $"trap '' XFSZ; ulimit -f 256; exec '{DcnumBinary.Path}' process '{input}' '{output}' --drain-basins --progress none";
        var r = await DcnumBinary.RunAsync("bash", ["-c", command], TimeSpan.FromMinutes(2));
        await Assert.That(r.ExitCode).IsEqualTo(1);
        await Assert.That(r.StdErr.TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(r.StdErr).Contains("out.rtdc");
        await Assert.That(r.StdErr).DoesNotContain("   at ");
        await Assert.That(File.Exists(output)).IsFalse();
        // Only the run's .log is kept after a failure (as dcnum does); no temporaries, no spools.
        await Assert.That(Directory.GetFiles(temp.Path).Select(f => Path.GetFileName(f)).ToArray()).IsEquivalentTo(new[] { "out.rtdc.log" });
        await Assert.That(Md5.HexOf(File.ReadAllBytes(input))).IsEqualTo(before);
    }
}
