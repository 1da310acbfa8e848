using Dcnum.Batch;
using Dcnum.Common;

namespace Dcnum.Tests.Batch;

public class BatchPlannerTest
{
    [Test]
    [Arguments(1, 1001, new[] { 0, 1 })]
    [Arguments(1001, 1001, new[] { 0, 1001 })]
    [Arguments(1002, 1001, new[] { 0, 1001, 1001, 1 })]
    [Arguments(10_000, 1001, new[] { 0, 1001, 1001, 1001, 2002, 1001, 3003, 1001, 4004, 1001, 5005, 1001, 6006, 1001, 7007, 1001, 8008, 1001, 9009, 991 })]
    public async Task SplitArrays_NoArrayExceedsMaxArraySize(int tasks, int max, int[] offsetCountPairs)
    {
        var split = BatchPlanner.SplitArrays(tasks, max);
        await Assert.That(string.Join(',', split.SelectMany(a => new[] { a.Offset, a.Count }))).IsEqualTo(string.Join(',', offsetCountPairs));
    }

    [Test]
    public async Task Submit_SeparatesBatchOptionsFromProcessOptions()
    {
        var o = SubmitOptions.Parse(["in", "out", "-kb", "kernel_size=50", "--files-per-task", "5", "--drain-basins", "--max-parallel=8",
            "-r", "--sbatch-arg", "--account=lab", "--wait"], resubmit: false);
        await Assert.That(o.PathIn).IsEqualTo("in");
        await Assert.That(o.PathOut).IsEqualTo("out");
        await Assert.That(o.ProcessArgs).IsEquivalentTo(new[] { "-kb", "kernel_size=50", "--drain-basins" });
        await Assert.That(o.FilesPerTask).IsEqualTo(5);
        await Assert.That(o.MaxParallel).IsEqualTo(8);
        await Assert.That(o.SbatchArgs).IsEquivalentTo(new[] { "--account=lab" });
        await Assert.That(o.Wait).IsTrue();
    }

    [Test]
    [Arguments("in", "out", "third")]
    [Arguments("in", "out", "-kb", "nonsense")]
    [Arguments("in", "out", "--files-per-task", "0")]
    [Arguments("in", "out", "-kb", "kernel_size=abc")]
    [Arguments("in", "out", "-kf", "frobnicate=1")]
    [Arguments("in", "out", "-b", "copy", "-kb", "kernel_size=5")]
    [Arguments("in")]
    public async Task Submit_BadArguments_AreUsageErrors(params string[] args)
        => await Assert.That(() => SubmitOptions.Parse(args, resubmit: false)).Throws<UsageException>();

    [Test]
    public async Task Resubmit_TakesOnlyPathOutAndSlurmOptions()
    {
        var o = SubmitOptions.Parse(["out", "--partition", "long", "--all-failed"], resubmit: true);
        await Assert.That(o.PathOut).IsEqualTo("out");
        await Assert.That(o.AllFailed).IsTrue();
        await Assert.That(o.SlurmOverrides()).IsEquivalentTo(new[] { "--partition=long" });
        await Assert.That(() => SubmitOptions.Parse(["out", "-kb", "kernel_size=5"], resubmit: true)).Throws<UsageException>();
    }
}
