using Dcnum.Cli;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Job;

public class RecursiveTest
{
    [Test]
    public async Task Recursive_Tree_MirroredOutputs_SkipsProcessedFiles()
    {
        using var temp = new TempDirectory("dcnum-recursive-");
        string root = temp.Path;
        string input = Path.Combine(root, "in");
        Directory.CreateDirectory(Path.Combine(input, "day1"));
        Directory.CreateDirectory(Path.Combine(input, "day2", "run"));
        File.CreateSymbolicLink(Path.Combine(input, "day1", "a.rtdc"), SharedData.Data("cytoshot-test-data.rtdc"));
        File.CreateSymbolicLink(Path.Combine(input, "day2", "run", "b.rtdc"), SharedData.Data("dcnum_thresh_example.rtdc"));
        File.CreateSymbolicLink(Path.Combine(input, "day1", "old_dcn.rtdc"), SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        string output = Path.Combine(root, "out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", input, output, "-r", "--progress", "none"], stdout, stderr);
        await Assert.That(stderr.ToString()).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);
        string[] produced = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(output, p)).Order().ToArray();
        await Assert.That(produced).IsEquivalentTo(new[] { Path.Combine("day1", "a_dcn.rtdc"), Path.Combine("day2", "run", "b_dcn.rtdc") });
        using var a = RtdcFile.Open(Path.Combine(output, "day1", "a_dcn.rtdc"));
        await Assert.That(a.AttributeText("pipeline:dcnum generation")).IsEqualTo("13");
    }

    [Test]
    public async Task Directory_WithoutRecursive_IsOneLineError()
    {
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", Path.Combine(SharedData.Root, "data")], new StringWriter(), stderr);
        await Assert.That(rc).IsEqualTo(1);
        await Assert.That(stderr.ToString()).Contains("--recursive");
    }
}
