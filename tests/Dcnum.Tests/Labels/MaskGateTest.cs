using Dcnum.Labels;

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
        var scratch = new LabelScratch(h, w);
        var kept = new ushort[8];
        var sizes = new int[8];
        int n = MaskGate.KeptLabels(labels, 4, MaskGate.DefaultSizeThreshMask, scratch, kept, sizes);
        await Assert.That(n).IsEqualTo(2);
        await Assert.That(kept[0]).IsEqualTo((ushort)3);
        await Assert.That(kept[1]).IsEqualTo((ushort)4);
        await Assert.That(sizes[0]).IsEqualTo(11);
        await Assert.That(sizes[1]).IsEqualTo(50);

        var mask = new bool[h * w];
        MaskGate.ExtractMask(labels, 3, mask);
        await Assert.That(mask.Count(m => m)).IsEqualTo(11);
        await Assert.That(mask[10] && mask[20] && !mask[21]).IsTrue();
    }

    private static void Fill(ushort[] labels, ushort value, int start, int count)
        => labels.AsSpan(start, count).Fill(value);
}
