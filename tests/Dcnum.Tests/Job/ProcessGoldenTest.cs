using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Job;

/// <summary>
/// <c>dcnum process</c> on every golden input and configuration, compared with dcnum's output by
/// <c>dcnum compare</c> (same events, masks, features, attributes incl. PPID and hash, basins, logs).
/// The cases and their arguments come from the catalogue (<see cref="GoldenCases"/>).
/// </summary>
public class ProcessGoldenTest
{
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.All;


    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Process_GoldenConfig_IsSameOutputAsReference(GoldenCase golden)
    {
        // <tmp>/data/<input> and <tmp>/golden/<output>: the relative basin path is ../data/<input>.rtdc as in the goldens.
        // A copy, not a link: basin paths resolve links, as dcnum's do.
        using var temp = new TempDirectory("dcnum-process-");
        string root = temp.Path;
        Directory.CreateDirectory(Path.Combine(root, "data"));
        File.Copy(SharedData.Data(golden.InputFile), Path.Combine(root, "data", golden.InputFile));
        Directory.CreateDirectory(Path.Combine(root, "golden"));
        string output = Path.Combine(root, "golden", golden.GoldenFile);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", Path.Combine(root, "data", golden.InputFile), output, .. golden.Args, "--progress", "none"], stdout, stderr);
        await Assert.That(stderr.ToString()).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);
        // Only the output is left: no temporaries, no spool files.
        await Assert.That(Directory.GetFiles(Path.Combine(root, "golden"), "*", SearchOption.AllDirectories).Length).IsEqualTo(1);

        var compareOut = new StringWriter();
        int same = CommandLine.Run(["compare", SharedData.Golden(golden.GoldenFile), output], compareOut, new StringWriter());
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
