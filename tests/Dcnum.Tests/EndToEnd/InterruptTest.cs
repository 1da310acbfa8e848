using System.Diagnostics;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>Ctrl-C and SIGTERM stop a run: exit 130/143, one line, nothing under the output name, no temporaries.</summary>
public class InterruptTest
{
    [Test]
    [Arguments("INT", 130)]
    [Arguments("TERM", 143)]
    public async Task Signal_MidRun_ExitsCleanly(string signal, int expected)
    {
        using var temp = new TempDirectory("dcnum-signal-");
        string dir = temp.Path;
        string output = Path.Combine(dir, "out.rtdc");
        // Through env --default-signal (it execs, same pid): a run started from a background job of a
        // script inherits SIGINT ignored, which the runtime honours, and the test would see exit 0.
        var psi = new ProcessStartInfo("env") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { "--default-signal=INT,TERM", DcnumBinary.Path, "process", SharedData.Data("bench_2000.rtdc"), output, "--drain-basins", "--progress", "none" })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        Task<string> err = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        // Signal once the run is under way (its "<output>.log" exists), whatever the machine's load.
        for (int waited = 0; !File.Exists(output + ".log") && waited < 20_000 && !process.HasExited; waited += 10)
            await Task.Delay(10);
        await Task.Delay(100);
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill!.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        await stdout;
        await Assert.That(process.ExitCode).IsEqualTo(expected);
        await Assert.That((await err).TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(Directory.GetFiles(dir).Length).IsEqualTo(0); // no output, no temporaries, no spools
    }
}
