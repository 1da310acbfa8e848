using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>The static AOT binary runs the whole job (all PureHDF paths rooted for AOT) and the README's main command.</summary>
public class ProcessBinaryTest
{
    [Test]
    public async Task Process_TapAndDrain_SameAsReference()
    {
        using var temp = new TempDirectory("dcnum-aot-process-");
        string root = temp.Path;
        // A copy, not a link: basin paths resolve links (dcnum's Path.resolve), the golden's relative path is ../data/….
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.Copy(SharedData.Data("cytoshot-test-data.rtdc"), Path.Combine(root, "data", "cytoshot-test-data.rtdc"));
        Directory.CreateDirectory(Path.Combine(root, "golden"));
        foreach (GoldenCase golden in new[] { GoldenCases.Named("cytoshot-test-data__default"), GoldenCases.Named("cytoshot-test-data__tap") })
        {
            string output = Path.Combine(root, "golden", golden.GoldenFile);
            var run = await DcnumBinary.RunAsync(["process", Path.Combine(root, "data", golden.InputFile), output, .. golden.Args]);
            await Assert.That(run.StdErr).IsEqualTo("");
            await Assert.That(run.ExitCode).IsEqualTo(0);
            await Assert.That(run.StdOut).Contains("Pipeline hash:\ta35bcc0252de9f083de5746cf547117d");
            var compare = await DcnumBinary.RunAsync("compare", SharedData.Golden(golden.GoldenFile), output);
            await Assert.That(compare.StdOut).StartsWith("same: ");
            await Assert.That(compare.ExitCode).IsEqualTo(0);
        }
    }

    [Test]
    public async Task Demo_ReadmeMainCommand_SynthesisesAndProcesses()
    {
        using var temp = new TempDirectory("dcnum-aot-demo-");
        string dir = temp.Path;
        var run = await DcnumBinary.RunAsync("demo", dir);
        await Assert.That(run.StdErr).IsEqualTo("");
        await Assert.That(run.ExitCode).IsEqualTo(0);
        await Assert.That(run.StdOut).Contains("Processed 400 frames into");
        var info = await DcnumBinary.RunAsync("info", Path.Combine(dir, "demo_dcn.rtdc"));
        await Assert.That(info.ExitCode).IsEqualTo(0);
        await Assert.That(info.StdOut).Contains("tex_asm_avg");
    }
}
