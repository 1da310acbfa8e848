using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary><c>dcnum info MODEL.dcnm</c>: the meta (values from the file's dcnum_meta.json), the checks and the network found.</summary>
public class ModelInfoTest
{
    [Test]
    public async Task Info_G1_PrintsMetaChecksAndNetwork()
    {
        var stdout = new StringWriter();
        int rc = CommandLine.Run(["info", SharedData.Data("unet-dcnum-test_g1_910c2.dcnm")], stdout, new StringWriter());
        await Assert.That(rc).IsEqualTo(0);
        string text = stdout.ToString();
        await Assert.That(text).Contains("format:       v1 (TorchScript): -s torchmpo or torchsto\n");
        await Assert.That(text).Contains("md5:          910c2");
        await Assert.That(text).Contains("identifier:   unet-dcnum-test_g1\n");
        await Assert.That(text).Contains("date:         2024-06-07\n");
        await Assert.That(text).Contains("image shape:  64 × 256 px (height × width)\n");
        await Assert.That(text).Contains("normalise:    (x / 255 - 0.487) / 0.084 (float32)\n");
        await Assert.That(text).Contains("validation (2):\n  meta 'setup:chip region': must match ^channel$ — only experiments in channel region supported\n");
        // the test model's configuration (ml-segmenters.md §2.1): single conv, depth 2, 8…32 filters, transposed conv, no attention
        await Assert.That(text).Contains("TunableUNet: depth 2, single conv per block, up-sampling by transposed conv, attention off\n");
        await Assert.That(text).Contains("encoder 2: conv 3×3 16→32 +BN +ReLU\n");
        await Assert.That(text).Contains("decoder 0: convT 2×2/2 32→16, concat [skip, up], conv 3×3 32→16 +BN +ReLU\n");
    }

    [Test]
    public async Task Info_V2Json_HasBatchSizeAndShape()
    {
        var stdout = new StringWriter();
        int rc = CommandLine.Run(["info", SharedData.Data("unet-dcnum-test_g2_02dcd.dcnm"), "--json"], stdout, new StringWriter());
        await Assert.That(rc).IsEqualTo(0);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        await Assert.That(doc.RootElement.GetProperty("format").GetString()).IsEqualTo("2.0");
        await Assert.That(doc.RootElement.GetProperty("batch_size").GetInt32()).IsEqualTo(10);
        await Assert.That(doc.RootElement.GetProperty("image_shape")[1].GetInt32()).IsEqualTo(320);
        await Assert.That(doc.RootElement.GetProperty("validation").GetArrayLength()).IsEqualTo(3);
    }
}
