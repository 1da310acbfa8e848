using System.Text.Json;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>
/// <c>batch run-task</c> without Slurm (a dry-run plan, tasks run by hand as on any node or under
/// GNU parallel): result records, a failed file with its one-line error, resuming, and skipping
/// an output that already carries the same pipeline hash.
/// </summary>
public class BatchRunTaskTest
{
    [Test]
    public async Task RunTask_ByHand_RecordsResumesAndSkipsSameHash()
    {
        using var temp = new TempDirectory("dcnum-runtask-");
        string inDir = Directory.CreateDirectory(Path.Combine(temp.Path, "in")).FullName;
        string outDir = Path.Combine(temp.Path, "out");
        File.Copy(SharedData.Data("cytoshot-test-data.rtdc"), Path.Combine(inDir, "x0.rtdc"));
        File.Copy(SharedData.Data("cytoshot-test-data.rtdc"), Path.Combine(inDir, "x1.rtdc"));
        File.Copy(SharedData.Data("M001_data.rtdc"), Path.Combine(inDir, "z.rtdc"));
        var plan = await DcnumBinary.RunAsync("batch", "submit", inDir, outDir, "--files-per-task", "2", "--num-cpus", "1", "--dry-run");
        await Assert.That(plan.ExitCode).IsEqualTo(0);
        await Assert.That(plan.StdOut).Contains("Wave 0: 3 files in 2 tasks of up to 2");
        string batchDir = Path.Combine(outDir, ".dcnum-batch");
        await Assert.That(File.ReadAllText(Path.Combine(batchDir, "task.sbatch"))).Contains("batch run-task");

        var t0 = await DcnumBinary.RunAsync("batch", "run-task", batchDir, "--task", "0");
        await Assert.That(t0.ExitCode).IsEqualTo(0);
        var t1 = await DcnumBinary.RunAsync("batch", "run-task", batchDir, "--task", "1");
        await Assert.That(t1.ExitCode).IsEqualTo(1);
        await Assert.That(t1.StdErr.TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(t1.StdErr).Contains(Path.Combine(inDir, "z.rtdc"));
        await Assert.That(await Counts(outDir, 1)).IsEqualTo((2, 1, 0, 0));

        // Run again: both files are already done, nothing is rewritten.
        string x0 = Path.Combine(outDir, "x0_dcn.rtdc");
        DateTime written = File.GetLastWriteTimeUtc(x0);
        var again = await DcnumBinary.RunAsync("batch", "run-task", outDir, "--task", "0");
        await Assert.That(again.ExitCode).IsEqualTo(0);
        await Assert.That(again.StdOut.Split("Already done").Length - 1).IsEqualTo(2);
        await Assert.That(File.GetLastWriteTimeUtc(x0)).IsEqualTo(written);

        // Without its record, an output with the same pipeline hash is skipped, not reprocessed.
        File.Delete(Path.Combine(batchDir, "results", "000000.json"));
        var skip = await DcnumBinary.RunAsync("batch", "run-task", batchDir, "--task", "0");
        await Assert.That(skip.ExitCode).IsEqualTo(0);
        await Assert.That(skip.StdOut).Contains("Skipped: the output exists with the same pipeline hash");
        await Assert.That(File.GetLastWriteTimeUtc(x0)).IsEqualTo(written);
        await Assert.That(await Counts(outDir, 1)).IsEqualTo((1, 1, 1, 0));

        var bad = await DcnumBinary.RunAsync("batch", "run-task", batchDir, "--task", "2");
        await Assert.That(bad.ExitCode).IsEqualTo(2);
        await Assert.That(bad.StdErr).Contains("tasks 0 … 1");
    }

    private static async Task<(int Done, int Failed, int Skipped, int Pending)> Counts(string outDir, int expectedExit)
    {
        var r = await DcnumBinary.RunAsync("batch", "report", outDir, "--json");
        await Assert.That(r.ExitCode).IsEqualTo(expectedExit);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement e = doc.RootElement;
        return (e.GetProperty("done").GetInt32(), e.GetProperty("failed").GetInt32(), e.GetProperty("skipped").GetInt32(), e.GetProperty("pending").GetInt32());
    }
}
