using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>The static AOT binary runs the whole job (all PureHDF paths rooted for AOT) and the README's main command.</summary>
public class ProcessBinaryTest
{
    [Test]
    public async Task Process_TapAndDrain_SameAsReference()
    {
        using var temp = GoldenLayout("dcnum-aot-process-");
        await ProcessAndCompare(temp.Path, GoldenCases.Named("cytoshot-test-data__default"), "a35bcc0252de9f083de5746cf547117d");
        await ProcessAndCompare(temp.Path, GoldenCases.Named("cytoshot-test-data__tap"), "a35bcc0252de9f083de5746cf547117d");
    }

    /// <summary>The shipped build runs the torch kernels at its own vector width: its masks must be the reference's too.</summary>
    [Test]
    public async Task Process_Torchmpo_SameAsReference()
    {
        using var temp = GoldenLayout("dcnum-aot-torch-");
        await ProcessAndCompare(temp.Path, GoldenCases.Named("cytoshot-test-data__torchmpo-g2"), null);
        // the reference hash of bench_2000 with the g1 model
        await ProcessAndCompare(temp.Path, GoldenCases.Named("bench_2000__torchmpo-g1-tap"), "a1bceba38470b6362e5101fe64a4a9da");
    }

    private static async Task ProcessAndCompare(string root, GoldenCase golden, string? hash)
    {
        string input = Path.Combine(root, "data", golden.InputFile);
        if (!File.Exists(input))
            File.Copy(SharedData.Data(golden.InputFile), input);
        string output = Path.Combine(root, "golden", golden.GoldenFile);
        var run = await DcnumBinary.RunAsync(["process", input, output, .. golden.Args]);
        await Assert.That(run.StdErr).IsEqualTo("");
        await Assert.That(run.ExitCode).IsEqualTo(0);
        if (hash is not null)
            await Assert.That(run.StdOut).Contains("Pipeline hash:\t" + hash);
        var compare = await DcnumBinary.RunAsync("compare", SharedData.Golden(golden.GoldenFile), output);
        await Assert.That(compare.StdOut).StartsWith("same: ");
        await Assert.That(compare.ExitCode).IsEqualTo(0);
    }

    /// <summary>
    /// &lt;tmp&gt;/data/ (inputs copied in by <see cref="ProcessAndCompare"/>) and &lt;tmp&gt;/golden/: outputs
    /// there link their input as ../data/&lt;input&gt;.rtdc, as the goldens do. Copies, not links: basin
    /// paths resolve links (dcnum's Path.resolve).
    /// </summary>
    private static TempDirectory GoldenLayout(string prefix)
    {
        var temp = new TempDirectory(prefix);
        Directory.CreateDirectory(Path.Combine(temp.Path, "data"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "golden"));
        return temp;
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
