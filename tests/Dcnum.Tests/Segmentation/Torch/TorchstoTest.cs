using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary>
/// torchsto is dcnum's GPU segmenter; its masks are tested there to equal torchmpo's. Here it runs
/// on the CPU: the output equals the torchmpo golden but for the segmenter code in the PPID (and
/// so the hash and run identifier), and the run log says where it ran.
/// </summary>
public class TorchstoTest
{
    [Test]
    public async Task Process_Torchsto_IsTorchmpoOutputWithItsOwnPpid()
    {
        using var temp = new TempDirectory("dcnum-torchsto-");
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "data"), Path.Combine(SharedData.Root, "data"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "golden"));
        string output = Path.Combine(temp.Path, "golden", "sto_dcn.rtdc");
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", Path.Combine(temp.Path, "data", "cytoshot-test-data.rtdc"), output, "-s", "torchsto",
            "-ks", "model_file=" + SharedData.Data("unet-dcnum-test_g1_910c2.dcnm"), "-kb", "offset_correction=true", "--drain-basins",
            "--skip-validation", "--verbose", "--progress", "none"], new StringWriter(), stderr);
        await Assert.That(rc).IsEqualTo(0);
        await Assert.That(stderr.ToString()).Contains("torchsto runs on the CPU here (no GPU path)");
        await Assert.That(stderr.ToString()).Contains("Model validation skipped (--skip-validation)");

        var compare = new StringWriter();
        CommandLine.Run(["compare", SharedData.Golden("cytoshot-test-data__torchmpo-g1_dcn.rtdc"), output], compare, new StringWriter());
        string[] lines = compare.ToString().TrimEnd('\n').Split('\n');
        await Assert.That(string.Join(" | ", lines.Select(d => d.Split(": ")[0])))
            .IsEqualTo("attribute experiment:run identifier | attribute pipeline:dcnum hash | attribute pipeline:dcnum segmenter | different");
        await Assert.That(compare.ToString()).Contains("candidate 'torchsto:m=unet-dcnum-test_g1_910c2.dcnm:cle=1^f=1^clo=0'");
    }
}
