using Dcnum.Labels;
using Dcnum.Segmentation;

namespace Dcnum.Tests.Segmentation;

/// <summary>
/// Threshold → label → process → mask gate over bench_2000 with the kernels' scratch: after a warm-up
/// round, a second round allocates nothing and finds the golden's masks. (Speed is measured by the
/// benchmark, not here.)
/// </summary>
public class MaskStageAllocationTest
{
    [Test]
    public async Task SegmentLabelProcessGate_Bench2000_SteadyStateAllocatesNothing()
    {
        using var source = new GoldenFrameSource("bench_2000__tap");
        int h = source.Height, w = source.Width, size = source.FrameSize, n = source.FrameCount;
        var imageBg = new byte[size];
        var corr = new short[n * size];
        var bgOff = new double[n];
        for (int f = 0; f < n; f++)
        {
            await Assert.That(source.TryBackground(f, imageBg)).IsTrue();
            ReadOnlySpan<byte> image = source.Image(f);
            bgOff[f] = MaskStageParityTest.SparseMedianBgOff(image, imageBg, w);
            Span<short> c = corr.AsSpan(f * size, size);
            for (int i = 0; i < size; i++)
                c[i] = (short)(image[i] - imageBg[i]);
        }
        var scratch = new LabelScratch(h, w);
        var gateScratch = new MaskGateScratch();
        var mask = new bool[ThresholdSegmenter.BatchSize * size];
        var labels = new ushort[size];
        var kept = new LabelBox[ushort.MaxValue];
        MaskSettings settings = MaskSettings.Default;

        int events = 0;
        long allocated = 0;
        for (int round = 0; round < 2; round++)
        {
            // round 0 warms up the JIT and grows the scratch; round 1 is counted
            events = 0;
            long alloc0 = GC.GetAllocatedBytesForCurrentThread();
            for (int start = 0; start < n; start += ThresholdSegmenter.BatchSize)
            {
                int count = Math.Min(ThresholdSegmenter.BatchSize, n - start);
                ThresholdSegmenter.SegmentBatch(corr.AsSpan(start * size, count * size), bgOff.AsSpan(start, count),
                    mask.AsSpan(0, count * size), count, size, -6);
                for (int k = 0; k < count; k++)
                {
                    ConnectedComponents.Label8(mask.AsSpan(k * size, size), labels, h, w, scratch);
                    int max = LabelProcessor.Process(labels, h, w, settings, scratch);
                    events += MaskGate.KeptLabels(labels, w, max, MaskGate.DefaultSizeThreshMask, gateScratch, kept);
                }
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - alloc0;
        }

        await Assert.That(events).IsEqualTo(source.EventCount);
        await Assert.That(allocated).IsEqualTo(0L);
    }
}
