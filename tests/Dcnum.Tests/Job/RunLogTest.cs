using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Job;

/// <summary>dcnum's "&lt;output&gt;.log" beside the output: there while running, gone after success.</summary>
public class RunLogTest
{
    [Test]
    public async Task LogFile_ExistsWhileRunning_RemovedAfterSuccess()
    {
        using var temp = new TempDirectory("dcnum-runlog-");
        string dir = temp.Path;
        string output = Path.Combine(dir, "out.rtdc");
        bool seen = false;
        using var watcher = new FileSystemWatcher(dir, "out.rtdc.log") { EnableRaisingEvents = true };
        watcher.Created += (_, _) => seen = true;
        int rc = CommandLine.Run(["process", SharedData.Data("bench_2000.rtdc"), output, "--progress", "none"], new StringWriter(), new StringWriter());
        await Task.Delay(200); // let the watcher deliver its event
        await Assert.That(rc).IsEqualTo(0);
        await Assert.That(seen).IsTrue();
        await Assert.That(File.Exists(output + ".log")).IsFalse();
        await Assert.That(File.Exists(output)).IsTrue();
    }

    [Test]
    public async Task Verbose_PrintsTheRunLogAsStoredInTheOutput()
    {
        using var temp = new TempDirectory("dcnum-verbose-");
        string output = Path.Combine(temp.Path, "out.rtdc");
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", SharedData.Data("cytoshot-test-data.rtdc"), output, "--progress", "none", "--verbose"], new StringWriter(), stderr);
        await Assert.That(rc).IsEqualTo(0);
        using var file = Dcnum.Read.RtdcFile.Open(output);
        string name = file.Logs.Keys.Single(k => k.StartsWith("dcnum-log-", StringComparison.Ordinal));
        string[] stored = file.ReadLog(name);
        await Assert.That(stored.Length).IsGreaterThan(5);
        string printed = stderr.ToString();
        foreach (string line in stored)
            await Assert.That(printed).Contains(line);

        var quiet = new StringWriter();
        CommandLine.Run(["process", SharedData.Data("cytoshot-test-data.rtdc"), output, "--progress", "none", "--force"], new StringWriter(), quiet);
        await Assert.That(quiet.ToString()).IsEqualTo("");
    }
}
