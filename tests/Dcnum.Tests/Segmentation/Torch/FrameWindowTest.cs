using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Dcnum.Job.Segmenters;
using Dcnum.Labels;
using Dcnum.Segmentation.Torch;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary>
/// Pre-processing of v1 models, bit for bit: crop/pad to the model's window (pad value: the
/// frame's median) and <c>(x / 255 − mean) / std</c> in float32. The expected SHA-256 of the
/// float32 input were computed independently, in plain Python re-doing dcnum's
/// <c>preprocess_images</c> (PNG decoded with zlib, statistics.median, float32 emulated by
/// rounding through struct after each operation) on cell_image_1.png (80×250).
/// </summary>
public class FrameWindowTest
{
    [Test]
    [Arguments(64, 256, 0.487, 0.084, "2bf49ecb4da44a08ceef0f5ec65624d7e2e31bbce4357c4f6cf4f0a1a352a16b")]   // crop height, pad width (the g1 model)
    [Arguments(63, 201, 0.487, 0.084, "f098596b1db5660552b5a2c3a494062222e19d7007976736b8d70677fb47ff4f")]   // crop both, odd differences
    [Arguments(96, 259, 0.362, 0.0219, "2f48dd32313ff2521f96af5cf19da8e41f5b2e6ce644f6e2ded6fd632f22dfc6")]  // pad both, odd width difference
    [Arguments(80, 250, 0.362, 0.0219, "a586db413840936f027242800bace427ff34bcd5850b4099ec5acf953bb55382")]  // same size
    public async Task Normalise_CellImage_IsBitIdenticalToReferencePreprocessing(int height, int width, double mean, double std, string sha256)
    {
        (byte[] image, int h, int w) = PngImage.ReadChannel0(SharedData.Data("cell_image_1.png"));
        var window = new FrameWindow(h, w, height, width);
        var input = new float[height * width];
        window.Normalise(image, input, mean, std);
        await Assert.That(Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(input.AsSpan())))).IsEqualTo(sha256);
    }

    [Test]
    public async Task Median_EvenCount_IsMeanOfMiddleValues()
    {
        await Assert.That(FrameWindow.Median([1, 9, 4, 6])).IsEqualTo(5f);
        await Assert.That(FrameWindow.Median([1, 9, 4, 7])).IsEqualTo(5.5f);
        await Assert.That(FrameWindow.Median([3, 200, 7])).IsEqualTo(7f);
    }

    [Test]
    public async Task ToFrameMask_LargerFrame_DropsObjectsTouchingTheWindowEdge()
    {
        // frame 6×8, window 4×4 at offset (1, 2): an object on the window's top row goes, one inside stays
        var window = new FrameWindow(6, 8, 4, 4);
        byte[] windowMask =
        [
            0, 1, 0, 0,
            0, 0, 0, 0,
            0, 0, 1, 0,
            0, 0, 0, 0,
        ];
        var frame = new bool[6 * 8];
        await Assert.That(window.ClearsWindowBorder).IsTrue();
        TorchScriptMaskSegmenter.ClearWindowBorder(windowMask, 4, 4, new ushort[16], new LabelScratch(4, 4));
        window.ToFrameMask(windowMask, frame);
        await Assert.That(frame.Count(v => v)).IsEqualTo(1);
        await Assert.That(frame[(2 + 1) * 8 + 2 + 2]).IsTrue();
    }
}
