using Dcnum.Job.Segmenters;
using Dcnum.Labels;
using Dcnum.Segmentation;
using Dcnum.Segmentation.Torch;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary>
/// dcnum's own unit goldens for the torch segmenter (tests/data/segm-torch-test-data_*.zip, in
/// ../shared/data): 80×250 frames through the g1 model (64×256: height cropped, width padded with
/// the frame's median, objects touching the window's edge dropped). <c>*_mask_segm.png</c> is the
/// segmenter's output, <c>*_mask.png</c> the mask after dcnum's mask processing with the torch
/// defaults (clear_border, fill_holes, closing_disk=0). Both must match pixel for pixel.
/// </summary>
public class TorchSegmenterGoldenTest
{
    private static readonly Lazy<TorchModel> s_g1 = new(() => TorchModel.Load(SharedData.Data("unet-dcnum-test_g1_910c2.dcnm")));

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Segment_CellImage_IsReferenceMaskBeforeAndAfterMaskProcessing(string stem, bool wide)
    {
        (byte[] image, int h, int w) = PngImage.ReadChannel0(SharedData.Data(stem + ".png"));
        (byte[] segm, _, _) = PngImage.ReadChannel0(SharedData.Data(stem + "_mask_segm.png"));
        (byte[] processed, _, _) = PngImage.ReadChannel0(SharedData.Data(stem + "_mask.png"));
        var mask = new bool[h * w];
        TorchScriptMaskSegmenter.SegmentOne(s_g1.Value, image, h, w, mask, wide);
        await Assert.That(segm.Count(v => v != 0)).IsGreaterThan(0);
        await Assert.That(Differ(mask, segm)).IsEqualTo(0);

        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        ConnectedComponents.Label8(mask, labels, h, w, scratch);
        LabelProcessor.Process(labels, h, w, MaskSettings.DefaultFor("torchmpo"), scratch);
        await Assert.That(Differ(labels.Select(l => l != 0).ToArray(), processed)).IsEqualTo(0);
    }

    // Both kernel widths: 4 floats (SSE, the shipped baseline build) and 8 (AVX, where accelerated;
    // elsewhere Vector256 is emulated, slowly but with the same arithmetic).
    public static IEnumerable<(string, bool)> Cases()
    {
        for (int i = 1; i <= 5; i++)
        {
            yield return ($"cell_image_{i}", false);
            yield return ($"cell_image_{i}", true);
        }
    }

    private static int Differ(bool[] mask, byte[] expected)
    {
        int n = 0;
        for (int i = 0; i < mask.Length; i++)
            n += mask[i] != (expected[i] != 0) ? 1 : 0;
        return n;
    }
}
