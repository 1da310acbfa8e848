using System.Diagnostics;
using Dcnum.Labels;
using Dcnum.Segmentation;

namespace Dcnum.Tests.Segmentation;

/// <summary>Measures frames/s of threshold + label + process (+ mask gate) on bench_2000; reports, does not assert timing.</summary>
public class MaskStageThroughputTest
{
    [Test]
    public async Task SegmentLabelProcess_Bench2000_ReportsFramesPerSecond()
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
        var mask = new bool[ThresholdSegmenter.BatchSize * size];
        var labels = new ushort[size];
        var kept = new ushort[ushort.MaxValue];
        var keptSizes = new int[ushort.MaxValue];
        MaskSettings settings = MaskSettings.Default;

        long tThresh = 0, tLabel = 0, tProcess = 0, tGate = 0;
        int events = 0;
        long allocated = 0;
        for (int round = 0; round < 2; round++)
        {
            // round 0 warms up the JIT; round 1 is measured
            events = 0;
            tThresh = tLabel = tProcess = tGate = 0;
            long alloc0 = GC.GetAllocatedBytesForCurrentThread();
            for (int start = 0; start < n; start += ThresholdSegmenter.BatchSize)
            {
                int count = Math.Min(ThresholdSegmenter.BatchSize, n - start);
                long t0 = Stopwatch.GetTimestamp();
                ThresholdSegmenter.SegmentBatch(corr.AsSpan(start * size, count * size), bgOff.AsSpan(start, count),
                    mask.AsSpan(0, count * size), count, size, -6);
                tThresh += Stopwatch.GetTimestamp() - t0;
                for (int k = 0; k < count; k++)
                {
                    long t1 = Stopwatch.GetTimestamp();
                    ConnectedComponents.Label8(mask.AsSpan(k * size, size), labels, h, w, scratch);
                    long t2 = Stopwatch.GetTimestamp();
                    int max = LabelProcessor.Process(labels, h, w, settings, scratch);
                    long t3 = Stopwatch.GetTimestamp();
                    events += MaskGate.KeptLabels(labels, max, MaskGate.DefaultSizeThreshMask, scratch, kept, keptSizes);
                    long t4 = Stopwatch.GetTimestamp();
                    tLabel += t2 - t1;
                    tProcess += t3 - t2;
                    tGate += t4 - t3;
                }
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - alloc0;
        }
        double hz = Stopwatch.Frequency;
        double total = (tThresh + tLabel + tProcess) / hz;
        string report = $"bench_2000 ({n} frames {h}x{w}): threshold {n / (tThresh / hz):F0} fr/s, label {n / (tLabel / hz):F0} fr/s, "
                        + $"process {n / (tProcess / hz):F0} fr/s, gate {n / (tGate / hz):F0} fr/s; "
                        + $"threshold+label+process {n / total:F0} fr/s; allocated {allocated} B; masks {events}";
        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "dcnum-mask-throughput.txt"), report + "\n");

        await Assert.That(events).IsEqualTo(source.EventCount);
        await Assert.That(allocated).IsEqualTo(0L);
    }
}
