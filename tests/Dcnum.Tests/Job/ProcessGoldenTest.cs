using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Job;

/// <summary>
/// <c>dcnum process</c> on every golden input and configuration, compared with dcnum's output by
/// <c>dcnum compare</c> (same events, masks, features, attributes incl. PPID and hash, basins, logs).
/// The goldens used dcnum's library defaults: offset_correction on, and drain except for tap configs.
/// </summary>
public class ProcessGoldenTest
{
    public static IEnumerable<(string Input, string Config, string Args)> Cases() =>
    [
        ("cytoshot-test-data", "default", "--drain-basins -kb offset_correction=true"),
        ("cytoshot-test-data-legacy_dce", "default", "--drain-basins -kb offset_correction=true"),
        ("dcnum_thresh_example", "default", "--drain-basins -kb offset_correction=true"),
        ("file_with_variable_length_logs", "default", "--drain-basins -kb offset_correction=true"),
        ("cytoshot-test-data", "tap", "-kb offset_correction=true"),
        ("bench_2000", "tap", "-kb offset_correction=true"),
        ("cytoshot-test-data", "copy", "-b copy --drain-basins"),
        ("cytoshot-test-data", "thresh-3", "-ks thresh=-3 --drain-basins -kb offset_correction=true"),
        ("cytoshot-test-data", "noharalick", "-kf haralick=false --drain-basins -kb offset_correction=true"),
        ("bench_2000", "rollmed-tap", "-b rollmed"),
        // torch segmenters (v1 models; the goldens were made without validation, as dcnum's library runs)
        ("cytoshot-test-data", "torchmpo-g1", $"-s torchmpo -ks model_file={G1} --skip-validation --drain-basins -kb offset_correction=true"),
        ("cytoshot-test-data", "torchmpo-g2", $"-s torchmpo -ks model_file={SharedData.Data("unet-dcnum-test_g2_17ec6.dcnm")} --skip-validation --drain-basins -kb offset_correction=true"),
        ("bench_crop64x256", "torchmpo-g1", $"-s torchmpo -ks model_file={G1} --skip-validation --drain-basins -kb offset_correction=true"),
        ("bench_2000", "torchmpo-g1-tap", $"-s torchmpo -ks model_file={G1} --skip-validation -kb offset_correction=true"),
        ("bench_crop64x256", "torchuni-g1", $"-s torchuni -ks model_file={SharedData.Data("unet-dcnum-test_g1_cb45f.dcnm")} --skip-validation --drain-basins -kb offset_correction=true"),
    ];

    private static string G1 => SharedData.Data("unet-dcnum-test_g1_910c2.dcnm");

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Process_GoldenConfig_IsSameOutputAsReference(string input, string config, string args)
    {
        // <tmp>/data → ../shared/data and <tmp>/golden/<output>: the relative basin path is ../data/<input>.rtdc as in the goldens.
        using var temp = new TempDirectory("dcnum-process-");
        string root = temp.Path;
        Directory.CreateSymbolicLink(Path.Combine(root, "data"), Path.Combine(SharedData.Root, "data"));
        Directory.CreateDirectory(Path.Combine(root, "golden"));
        string output = Path.Combine(root, "golden", $"{input}__{config}_dcn.rtdc");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", Path.Combine(root, "data", input + ".rtdc"), output, .. args.Split(' '), "--progress", "none"], stdout, stderr);
        await Assert.That(stderr.ToString()).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);
        // Only the output is left: no temporaries, no spool files.
        await Assert.That(Directory.GetFiles(Path.Combine(root, "golden"), "*", SearchOption.AllDirectories).Length).IsEqualTo(1);

        var compareOut = new StringWriter();
        int same = CommandLine.Run(["compare", SharedData.Golden($"{input}__{config}_dcn.rtdc"), output], compareOut, new StringWriter());
        await Assert.That(compareOut.ToString()).StartsWith("same: ");
        await Assert.That(same).IsEqualTo(0);
    }

    [Test]
    public async Task DryRun_PrintsChipstreamIdentifiersAndHash()
    {
        var stdout = new StringWriter();
        int rc = CommandLine.Run(["process", SharedData.Data("cytoshot-test-data.rtdc"), "--dry-run", "-kb", "offset_correction=1"], stdout, new StringWriter());
        await Assert.That(rc).IsEqualTo(0);
        string text = stdout.ToString();
        await Assert.That(text).Contains("Data ID:\thdf:p=0.2645^i=0\n");
        await Assert.That(text).Contains("Background ID:\tsparsemed:k=200^s=1^t=0^f=0.8^o=1\n");
        await Assert.That(text).Contains("Pipeline hash:\ta35bcc0252de9f083de5746cf547117d\n");
        // chipstream-cli's automatic offset correction: no flicker here → o=0 (reference.md), hash from the inventory.
        var auto = new StringWriter();
        CommandLine.Run(["process", SharedData.Data("cytoshot-test-data.rtdc"), "--dry-run"], auto, new StringWriter());
        await Assert.That(auto.ToString()).Contains("Pipeline hash:\t59b8a4a3b3d22d9939061011c885aeef\n");
    }

    [Test]
    public async Task ZeroFrames_IsRefusedWithOneLine_NoOutput()
    {
        using var temp = new TempDirectory("dcnum-m001-");
        string dir = temp.Path;
        string output = Path.Combine(dir, "out.rtdc");
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", SharedData.Data("M001_data.rtdc"), output, "--progress", "none"], new StringWriter(), stderr);
        await Assert.That(rc).IsEqualTo(1);
        await Assert.That(stderr.ToString().TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(stderr.ToString()).Contains("M001_data.rtdc");
        await Assert.That(Directory.GetFiles(dir).Length).IsEqualTo(0);
    }
}
