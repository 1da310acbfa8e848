using Dcnum.Labels;
using Dcnum.Tests.Features.Reference;

namespace Dcnum.Tests.Labels;

public class MaskGateTest
{
    // dcnum: a mask is kept iff its pixel count is > size_thresh_mask (10 by default), in label order;
    // labels without pixels (gaps after clear_border) are skipped.
    [Test]
    public async Task KeptLabels_SizesAroundThreshold_KeepOnlyLarger()
    {
        const int h = 10, w = 10;
        var labels = new ushort[h * w];
        Fill(labels, 1, 0, 10);   // 10 px: dropped
        Fill(labels, 3, 10, 11);  // 11 px: kept
        Fill(labels, 4, 30, 50);  // 50 px: kept
        var kept = new LabelBox[8];
        int n = MaskGate.KeptLabels(labels, w, 4, MaskGate.DefaultSizeThreshMask, new MaskGateScratch(), kept);
        await Assert.That(n).IsEqualTo(2);
        await Assert.That(kept[0].Label).IsEqualTo((ushort)3);
        await Assert.That(kept[1].Label).IsEqualTo((ushort)4);
        await Assert.That(kept[0].Size).IsEqualTo(11);
        await Assert.That(kept[1].Size).IsEqualTo(50);
    }

    // The box overload: the same labels and sizes, plus each label's bounding box, with runs that
    // touch both frame edges, a label split in two parts, and labels above the maximum ignored.
    [Test]
    public async Task KeptLabels_WithBoxes_SizesAndBoxesOfEveryKeptLabel()
    {
        const int h = 6, w = 9;
        var labels = new ushort[h * w];
        Fill(labels, 2, 0 * w + 0, 3);   // row 0, x 0..2
        Fill(labels, 2, 4 * w + 6, 3);   // row 4, x 6..8 (right edge): same label, other part
        Fill(labels, 2, 5 * w + 0, 6);   // row 5 (bottom), x 0..5
        Fill(labels, 5, 1 * w + 4, 2);   // 2 px: dropped by the gate
        Fill(labels, 7, 2 * w + 1, 8);   // label above maxLabel = 5: ignored
        var kept = new LabelBox[8];
        int n = MaskGate.KeptLabels(labels, w, 5, 2, new MaskGateScratch(), kept);
        await Assert.That(n).IsEqualTo(1);
        await Assert.That(kept[0]).IsEqualTo(new LabelBox(2, 12, 0, 5, 0, 8));
        var counts = new int[8];
        var sizes = new int[8];
        var oldKept = new ushort[8];
        int m = ReferenceKernels.KeptLabels(labels, 5, 2, counts, oldKept, sizes); // the full-frame count agrees
        await Assert.That(m).IsEqualTo(1);
        await Assert.That(sizes[0]).IsEqualTo(12);
        n = MaskGate.KeptLabels(labels, w, 7, 2, new MaskGateScratch(), kept);
        await Assert.That(n).IsEqualTo(2);
        await Assert.That(kept[1]).IsEqualTo(new LabelBox(7, 8, 2, 2, 1, 8));
    }

    private static void Fill(ushort[] labels, ushort value, int start, int count)
        => labels.AsSpan(start, count).Fill(value);
}
