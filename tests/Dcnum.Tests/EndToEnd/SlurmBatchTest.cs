using System.Diagnostics;
using System.Text.Json;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>
/// <c>dcnum batch</c> on a real one-node Slurm (started by tests/run.sh): the "done when"
/// list, run on the published binary. One test at a time: they share the cluster's two CPUs and
/// the cancel test needs a task that is really running.
/// </summary>
[NotInParallel("slurm")]
public class SlurmBatchTest
{
    private static readonly string[] Options = ["-kf", "haralick=false"]; // not the default: proves the options reach every task

    /// <summary>24 inputs in tasks of 5: 22 good (three kinds), one truncated, one with zero frames; then resubmit after a fix, then submit again.</summary>
    [Test]
    public async Task Batch_24Files_ReportsFailuresResubmitsTheFixedFileAndSubmitsNothingWhenFinished()
    {
        await LocalSlurm.RequireAsync();
        using var temp = new TempDirectory("dcnum-slurm-");
        string inDir = Path.Combine(temp.Path, "in"), outDir = Path.Combine(temp.Path, "out");
        var good = new List<string>();
        foreach (var (folder, source, count) in new[] { ("a", "cytoshot-test-data.rtdc", 8), ("b", "dcnum_thresh_example.rtdc", 8), ("c/deeper", "bench_crop64x256.rtdc", 6) })
        {
            Directory.CreateDirectory(Path.Combine(inDir, folder));
            for (int i = 0; i < count; i++)
            {
                string relative = Path.Combine(folder, $"m{i:D2}.rtdc");
                File.Copy(SharedData.Data(source), Path.Combine(inDir, relative));
                good.Add(relative);
            }
        }
        Directory.CreateDirectory(Path.Combine(inDir, "bad"));
        string truncated = Path.Combine(inDir, "bad", "truncated.rtdc");
        byte[] whole = await File.ReadAllBytesAsync(SharedData.Data("cytoshot-test-data.rtdc"));
        await File.WriteAllBytesAsync(truncated, whole.AsSpan(0, whole.Length / 2).ToArray());
        string zeroFrames = Path.Combine(inDir, "bad", "zero_frames.rtdc");
        File.Copy(SharedData.Data("M001_data.rtdc"), zeroFrames); // a real measurement whose events/image has 0 frames

        var submit = await Dcnum(["batch", "submit", inDir, outDir, .. Options, "--files-per-task", "5", "--max-parallel", "2", "--cpus-per-task", "1", "--wait"]);
        await Assert.That(submit.ExitCode).IsEqualTo(1); // --wait: 0 only when every file is done
        await Assert.That(submit.StdOut).Contains("24 files: 22 done, 0 skipped, 2 failed, 0 pending");
        await Assert.That(submit.StdOut).Contains("5 tasks of up to 5");

        using (JsonDocument report = await Json(["batch", "report", outDir, "--json"], expectedExit: 1))
        {
            JsonElement r = report.RootElement;
            await Assert.That(r.GetProperty("files").GetInt32()).IsEqualTo(24);
            await Assert.That(r.GetProperty("done").GetInt32()).IsEqualTo(22);
            await Assert.That(r.GetProperty("failed").GetInt32()).IsEqualTo(2);
            await Assert.That(r.GetProperty("skipped").GetInt32()).IsEqualTo(0);
            await Assert.That(r.GetProperty("pending").GetInt32()).IsEqualTo(0);
            var failed = r.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("state").GetString() == "failed")
                .ToDictionary(i => i.GetProperty("input").GetString()!, i => i.GetProperty("error").GetString()!);
            await Assert.That(failed.Keys.Order(StringComparer.Ordinal).ToArray()).IsEquivalentTo(new[] { truncated, zeroFrames });
            foreach (var (input, error) in failed)
            {
                await Assert.That(error.Contains('\n')).IsFalse();
                await Assert.That(error).StartsWith(input + ": ");
            }
            await Assert.That(failed[truncated]).Contains("truncated");
            await Assert.That(failed[zeroFrames]).Contains("no frames");
            foreach (JsonElement item in r.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("state").GetString() == "done"))
                await Assert.That(item.GetProperty("events").GetInt64()).IsGreaterThan(0);
        }
        using (JsonDocument status = await Json(["batch", "status", outDir, "--json"]))
        {
            JsonElement s = status.RootElement;
            foreach (var (key, value) in new[] { ("done", 22), ("failed", 2), ("running", 0), ("pending", 0), ("missing", 0) })
                await Assert.That(s.GetProperty(key).GetInt32()).IsEqualTo(value);
        }
        // Every good output is the same as a plain 'dcnum process' of its input (same folder depth, so the basin paths agree too).
        foreach (string relative in good)
            await AssertSameAsPlainProcess(temp.Path, relative);
        await Assert.That(File.Exists(Path.Combine(outDir, "bad", "truncated_dcn.rtdc"))).IsFalse();

        // Replace the truncated file by a good one: resubmit runs that file only (the zero-frame input is unchanged).
        var before = good.ToDictionary(g => g, g => File.GetLastWriteTimeUtc(Output(outDir, g)));
        File.Delete(truncated);
        File.Copy(SharedData.Data("cytoshot-test-data.rtdc"), truncated);
        var resubmit = await Dcnum(["batch", "resubmit", outDir, "--wait"]);
        await Assert.That(resubmit.ExitCode).IsEqualTo(1); // the zero-frame file still fails
        await Assert.That(resubmit.StdOut).Contains("Wave 1: 1 file in 1 task");
        await Assert.That(resubmit.StdOut).Contains("24 files: 23 done, 0 skipped, 1 failed, 0 pending");
        await AssertSameAsPlainProcess(temp.Path, Path.Combine("bad", "truncated.rtdc"));
        foreach (string g in good)
            await Assert.That(File.GetLastWriteTimeUtc(Output(outDir, g))).IsEqualTo(before[g]);

        // submit again on the finished batch: nothing submitted, and it says so.
        int jobsBefore = (await Json(["batch", "status", outDir, "--json"])).RootElement.GetProperty("jobs").GetArrayLength();
        var again = await Dcnum(["batch", "submit", inDir, outDir, .. Options, "--files-per-task", "5"]);
        await Assert.That(again.ExitCode).IsEqualTo(0);
        await Assert.That(again.StdOut).Contains("Nothing to submit: all 24 files have a result (23 done, 0 skipped, 1 failed)");
        await Assert.That((await Json(["batch", "status", outDir, "--json"])).RootElement.GetProperty("jobs").GetArrayLength()).IsEqualTo(jobsBefore);
    }

    /// <summary>scancel one running task: nothing partial under a final name; resubmit runs exactly the files it left.</summary>
    [Test]
    public async Task Batch_CancelledTask_LeavesNoPartialOutput_ResubmitCompletesExactlyItsFiles()
    {
        await LocalSlurm.RequireAsync();
        using var temp = new TempDirectory("dcnum-slurm-cancel-");
        string inDir = Path.Combine(temp.Path, "in"), outDir = Path.Combine(temp.Path, "out");
        Directory.CreateDirectory(inDir);
        var inputs = new List<string>();
        for (int i = 0; i < 8; i++)
        {
            // bench_2000: about 1 s per file on one CPU, so a task of 4 is still running when cancelled.
            string input = Path.Combine(inDir, $"f{i}.rtdc");
            File.CreateSymbolicLink(input, SharedData.Data("bench_2000.rtdc"));
            inputs.Add(input);
        }
        var submit = await Dcnum(["batch", "submit", inDir, outDir, .. Options, "--files-per-task", "4", "--cpus-per-task", "1"]);
        await Assert.That(submit.ExitCode).IsEqualTo(0);
        string arrayJob;
        using (JsonDocument status = await Json(["batch", "status", outDir, "--json"]))
            arrayJob = status.RootElement.GetProperty("jobs")[0].GetString()!;
        string[] task0 = [.. inputs.Order(StringComparer.Ordinal).Take(4)]; // task I runs files 4I … 4I+3 of the sorted inputs

        // Cancel task 0 once its first file is done (the others are then still to come).
        var watch = Stopwatch.StartNew();
        while (!(await States(outDir)).Any(kv => task0.Contains(kv.Key) && kv.Value == "done"))
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(3))
                throw new TimeoutException("task 0 did not finish a file within 3 minutes");
            await Task.Delay(100);
        }
        var cancel = await DcnumBinary.RunAsync("scancel", [$"{arrayJob}_0"]);
        await Assert.That(cancel.ExitCode).IsEqualTo(0);
        await LocalSlurm.WaitAsync(arrayJob, TimeSpan.FromMinutes(3));

        var states = await States(outDir);
        string[] left = [.. task0.Where(i => states[i] != "done")];
        await Assert.That(left.Length).IsGreaterThan(0);
        await Assert.That(inputs.Except(task0).All(i => states[i] == "done")).IsTrue();
        // Nothing under a final name but complete outputs, and no temporaries left by the cancelled run.
        string[] present = [.. Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        string[] doneOutputs = [.. inputs.Where(i => states[i] == "done").Select(i => Path.GetFileNameWithoutExtension(i) + "_dcn.rtdc").Order(StringComparer.Ordinal)];
        await Assert.That(present).IsEquivalentTo(doneOutputs);
        using (JsonDocument status = await Json(["batch", "status", outDir, "--json"]))
        {
            await Assert.That(status.RootElement.GetProperty("missing").GetInt32()).IsEqualTo(left.Length);
            await Assert.That(status.RootElement.GetProperty("running").GetInt32() + status.RootElement.GetProperty("pending").GetInt32()).IsEqualTo(0);
        }
        var beforeResubmit = inputs.Where(i => states[i] == "done").ToDictionary(i => i, i => File.GetLastWriteTimeUtc(Output(outDir, Path.GetFileName(i))));

        var resubmit = await Dcnum(["batch", "resubmit", outDir, "--wait"]);
        await Assert.That(resubmit.ExitCode).IsEqualTo(0);
        await Assert.That(resubmit.StdOut).Contains($"Wave 1: {left.Length} file");
        await Assert.That(resubmit.StdOut).Contains("8 files: 8 done, 0 skipped, 0 failed, 0 pending");
        foreach (var (input, time) in beforeResubmit)
            await Assert.That(File.GetLastWriteTimeUtc(Output(outDir, Path.GetFileName(input)))).IsEqualTo(time);
        await AssertSameAsPlainProcess(temp.Path, Path.GetFileName(left[^1]));
    }

    /// <summary>A batch held back by <c>--sbatch-arg --begin=…</c> is pending in status; cancel empties the queue and leaves its files missing.</summary>
    [Test]
    public async Task Cancel_PendingBatch_ScancelsItsJobsAndLeavesItsFilesMissing()
    {
        await LocalSlurm.RequireAsync();
        using var temp = new TempDirectory("dcnum-slurm-pending-");
        string inDir = Directory.CreateDirectory(Path.Combine(temp.Path, "in")).FullName, outDir = Path.Combine(temp.Path, "out");
        for (int i = 0; i < 3; i++)
            File.CreateSymbolicLink(Path.Combine(inDir, $"p{i}.rtdc"), SharedData.Data("cytoshot-test-data.rtdc"));
        var submit = await Dcnum(["batch", "submit", inDir, outDir, "--files-per-task", "1", "--sbatch-arg", "--begin=now+1hour"]);
        try
        {
            await Assert.That(submit.ExitCode).IsEqualTo(0);
            await PendingThenCancelled(outDir);
        }
        finally
        {
            await Dcnum(["batch", "cancel", outDir]); // a failed assertion must not leave jobs behind for an hour
        }
    }

    private static async Task PendingThenCancelled(string outDir)
    {
        string arrayJob;
        using (JsonDocument status = await Json(["batch", "status", outDir, "--json"]))
        {
            await Assert.That(status.RootElement.GetProperty("pending").GetInt32()).IsEqualTo(3);
            await Assert.That(status.RootElement.GetProperty("missing").GetInt32()).IsEqualTo(0);
            arrayJob = status.RootElement.GetProperty("jobs")[0].GetString()!;
        }
        var cancel = await Dcnum(["batch", "cancel", outDir]);
        await Assert.That(cancel.ExitCode).IsEqualTo(0);
        await Assert.That(cancel.StdOut).StartsWith("Cancelled jobs ");
        await LocalSlurm.WaitAsync(arrayJob, TimeSpan.FromMinutes(1));
        using (JsonDocument status = await Json(["batch", "status", outDir, "--json"]))
        {
            await Assert.That(status.RootElement.GetProperty("pending").GetInt32()).IsEqualTo(0);
            await Assert.That(status.RootElement.GetProperty("missing").GetInt32()).IsEqualTo(3);
        }
        await Assert.That((await Dcnum(["batch", "cancel", outDir])).StdOut).StartsWith("Nothing to cancel");
        await Assert.That(Directory.GetFiles(outDir).Length).IsEqualTo(0);
    }

    /// <summary>
    /// 10 000 manifest entries (empty files: a dry run opens no input) plan quickly and split at the
    /// cluster's MaxArraySize (tests/run.sh starts it with 1001, Slurm's default). The 2 s target is
    /// measured in docs/performance.md; the bound here is five times that, for a CI machine whose two
    /// cores are busy with the other tests.
    /// </summary>
    [Test]
    public async Task DryRun_10000Entries_PlansQuicklyAndSplitsAtMaxArraySize()
    {
        await LocalSlurm.RequireAsync();
        int maxArray = await LocalSlurm.MaxArraySizeAsync();
        await Assert.That(maxArray).IsLessThan(10_000).Because("the test cluster must be started with LOCAL_SLURM_MAX_ARRAY=1001 (tests/run.sh does) so that the batch splits");
        using var temp = new TempDirectory("dcnum-slurm-plan-");
        string inDir = Path.Combine(temp.Path, "in"), outDir = Path.Combine(temp.Path, "out");
        for (int d = 0; d < 10; d++)
        {
            string dir = Directory.CreateDirectory(Path.Combine(inDir, $"day{d}")).FullName;
            for (int i = 0; i < 1000; i++)
                File.Create(Path.Combine(dir, $"m{i:D4}.rtdc")).Dispose();
        }
        var plan = await Dcnum(["batch", "submit", inDir, outDir, "--files-per-task", "1", "--max-parallel", "50", "--dry-run"]);
        await Assert.That(plan.ExitCode).IsEqualTo(0);
        await Assert.That(plan.Elapsed).IsLessThan(TimeSpan.FromSeconds(10));
        string[] arrays = [.. plan.StdOut.Split('\n').Where(l => l.StartsWith("sbatch --parsable --array=", StringComparison.Ordinal))];
        int expected = (10_000 + maxArray - 1) / maxArray;
        await Assert.That(arrays.Length).IsEqualTo(expected);
        await Assert.That(arrays[0]).Contains($"--array=0-{maxArray - 1}%50 ");
        await Assert.That(arrays[^1]).Contains($"--array=0-{10_000 - (expected - 1) * maxArray - 1}%50 ");
        await Assert.That(arrays[^1]).EndsWith($" 0 {(expected - 1) * maxArray}"); // WAVE OFFSET
        await Assert.That(plan.StdOut).Contains("Dry run: nothing submitted.");
        using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, ".dcnum-batch", "manifest.json")));
        await Assert.That(manifest.RootElement.GetProperty("items").GetArrayLength()).IsEqualTo(10_000);
        using JsonDocument status = await Json(["batch", "status", outDir, "--json"]);
        await Assert.That(status.RootElement.GetProperty("jobs").GetArrayLength()).IsEqualTo(0);
        await Assert.That(status.RootElement.GetProperty("missing").GetInt32()).IsEqualTo(10_000);
    }

    private static string Output(string outDir, string relativeInput)
        => Path.Combine(outDir, Path.ChangeExtension(relativeInput, null) + "_dcn.rtdc");

    /// <summary>A plain <c>dcnum process</c> of in/X into ref/X_dcn.rtdc, compared with the batch's out/X_dcn.rtdc.</summary>
    private static async Task AssertSameAsPlainProcess(string root, string relativeInput)
    {
        string reference = Output(Path.Combine(root, "ref"), relativeInput);
        Directory.CreateDirectory(Path.GetDirectoryName(reference)!);
        File.Delete(reference);
        var plain = await Dcnum(["process", Path.Combine(root, "in", relativeInput), reference, .. Options, "--progress", "none"]);
        await Assert.That(plain.ExitCode).IsEqualTo(0);
        var compare = await Dcnum(["compare", reference, Output(Path.Combine(root, "out"), relativeInput)]);
        await Assert.That(compare.StdOut).StartsWith("same: ");
        await Assert.That(compare.ExitCode).IsEqualTo(0);
    }

    /// <summary>input → state, from <c>batch report --json</c>.</summary>
    private static async Task<Dictionary<string, string>> States(string outDir)
    {
        var r = await DcnumBinary.RunAsync(DcnumBinary.Path, ["batch", "report", outDir, "--json"]);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        return doc.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("input").GetString()!, i => i.GetProperty("state").GetString()!);
    }

    private static Task<DcnumBinary.Result> Dcnum(string[] args) => DcnumBinary.RunAsync(DcnumBinary.Path, args, TimeSpan.FromMinutes(5));

    private static async Task<JsonDocument> Json(string[] args, int expectedExit = 0)
    {
        var r = await Dcnum(args);
        if (r.ExitCode != expectedExit)
            throw new InvalidOperationException($"dcnum {string.Join(' ', args)}: exit {r.ExitCode}, expected {expectedExit}: {r.StdErr}");
        return JsonDocument.Parse(r.StdOut);
    }
}
