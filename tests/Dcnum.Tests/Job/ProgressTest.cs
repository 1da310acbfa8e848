using System.Text.Json;
using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Job;

public class ProgressTest
{
    [Test]
    public async Task ProgressJson_OneObjectPerUpdate_MonotonicToDone()
    {
        using var temp = new TempDirectory("dcnum-progress-");
        string dir = temp.Path;
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", SharedData.Data("bench_2000.rtdc"), Path.Combine(dir, "out.rtdc"), "--progress", "json"], new StringWriter(), stderr);
        await Assert.That(rc).IsEqualTo(0);
        string[] lines = stderr.ToString().TrimEnd().Split('\n');
        await Assert.That(lines.Length).IsGreaterThan(5);
        double last = -1;
        string[] states = ["background", "segmentation", "plumbing", "cleanup", "done"];
        int stateIndex = 0;
        foreach (string line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            double progress = doc.RootElement.GetProperty("progress").GetDouble();
            string state = doc.RootElement.GetProperty("state").GetString()!;
            await Assert.That(progress).IsGreaterThanOrEqualTo(last);
            int index = Array.IndexOf(states, state);
            await Assert.That(index).IsGreaterThanOrEqualTo(stateIndex);
            stateIndex = index;
            last = progress;
        }
        await Assert.That(last).IsEqualTo(1.0);
        await Assert.That(lines.Any(l => l.Contains("\"state\": \"segmentation\"") && !l.Contains("\"frames_per_s\": 0.0"))).IsTrue();
    }
}
