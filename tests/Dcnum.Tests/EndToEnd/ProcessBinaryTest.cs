using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>The static AOT binary runs the whole job (all PureHDF paths rooted for AOT) and the README's main command.</summary>
public class ProcessBinaryTest
{
    [Test]
    public async Task Process_TapAndDrain_SameAsReference()
    {
        using var temp = GoldenLayout("dcnum-aot-process-");
        string root = temp.Path;
        foreach (var (config, args) in new[]
        {
            ("default", new[] { "--drain-basins", "-kb", "offset_correction=true" }),
            ("tap", new[] { "-kb", "offset_correction=true" }),
        })
        {
            string output = Path.Combine(root, "golden", $"cytoshot-test-data__{config}_dcn.rtdc");
            var run = await DcnumBinary.RunAsync(["process", Path.Combine(root, "data", "cytoshot-test-data.rtdc"), output, .. args]);
            await Assert.That(run.StdErr).IsEqualTo("");
            await Assert.That(run.ExitCode).IsEqualTo(0);
            await Assert.That(run.StdOut).Contains("Pipeline hash:\ta35bcc0252de9f083de5746cf547117d");
            var compare = await DcnumBinary.RunAsync("compare", SharedData.Golden($"cytoshot-test-data__{config}_dcn.rtdc"), output);
            await Assert.That(compare.StdOut).StartsWith("same: ");
            await Assert.That(compare.ExitCode).IsEqualTo(0);
        }
    }

    /// <summary>The shipped build runs the torch kernels 4 floats wide (SSE, no FMA): its masks must be the reference's too.</summary>
    [Test]
    public async Task Process_Torchmpo_SameAsReference()
    {
        using var temp = GoldenLayout("dcnum-aot-torch-");
        string root = temp.Path;
        foreach (var (input, config, model, drain) in new[]
        {
            ("cytoshot-test-data", "torchmpo-g2", "unet-dcnum-test_g2_17ec6.dcnm", true),
            ("bench_2000", "torchmpo-g1-tap", "unet-dcnum-test_g1_910c2.dcnm", false),
        })
        {
            string output = Path.Combine(root, "golden", $"{input}__{config}_dcn.rtdc");
            string[] args = ["process", Path.Combine(root, "data", input + ".rtdc"), output, "-s", "torchmpo", "-ks", "model_file=" + Path.Combine(root, "data", model),
                "-kb", "offset_correction=true", "--skip-validation", .. drain ? new[] { "--drain-basins" } : []];
            var run = await DcnumBinary.RunAsync(args);
            await Assert.That(run.StdErr).IsEqualTo("");
            await Assert.That(run.ExitCode).IsEqualTo(0);
            var compare = await DcnumBinary.RunAsync("compare", SharedData.Golden($"{input}__{config}_dcn.rtdc"), output);
            await Assert.That(compare.StdOut).StartsWith("same: ");
            await Assert.That(compare.ExitCode).IsEqualTo(0);
        }
    }

    /// <summary>&lt;tmp&gt;/data → ../shared/data and &lt;tmp&gt;/golden/: outputs there link their input as ../data/&lt;input&gt;.rtdc, as the goldens do.</summary>
    private static TempDirectory GoldenLayout(string prefix)
    {
        var temp = new TempDirectory(prefix);
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "data"), Path.Combine(SharedData.Root, "data"));
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
