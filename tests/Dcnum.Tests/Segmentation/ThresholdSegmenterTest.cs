using Dcnum.Segmentation;

namespace Dcnum.Tests.Segmentation;

public class ThresholdSegmenterTest
{
    // mask = image_corr - bg_off < thresh, strict, compared in float64 as numpy does.
    [Test]
    [Arguments((short)-7, 0.0, -6.0, true)]
    [Arguments((short)-6, 0.0, -6.0, false)]
    [Arguments((short)-5, 1.5, -6.0, true)]
    [Arguments((short)-5, 1.0, -6.0, false)]
    [Arguments((short)-7, -1.0, -6.0, false)]
    [Arguments((short)-3, 0.0, -2.5, true)]
    [Arguments((short)300, 0.0, -6.0, false)]
    [Arguments((short)-255, 0.0, -6.0, true)]
    public async Task Segment_OnePixel_IsStrictlyBelowThreshold(short corr, double bgOff, double thresh, bool expected)
    {
        var mask = new bool[1];
        ThresholdSegmenter.Segment([corr], bgOff, mask, thresh);
        await Assert.That(mask[0]).IsEqualTo(expected);
    }

    // The vectorised kernel against dcnum's float64 comparison, pixel by pixel, over the whole
    // int16 range and offsets that put c - bg_off exactly on, just above and just below thresh.
    [Test]
    [Arguments(-6.0)]
    [Arguments(-3.0)]
    [Arguments(-2.5)]
    [Arguments(-0.1)]
    [Arguments(-1e-300)]
    [Arguments(-40000.0)]
    public async Task Segment_AllInt16Values_EqualsFloat64Comparison(double thresh)
    {
        var corr = new short[65536 + 37];
        for (int i = 0; i < corr.Length; i++)
            corr[i] = (short)(short.MinValue + i % 65536);
        double[] offsets =
        [
            0.0, 0.5, -0.5, 1.0, 3.0, 0.1, 0.2, 0.30000000000000004, -0.7, 1e-17, -1e-17, 123.456,
            Math.BitIncrement(0.5), Math.BitDecrement(0.5), 1e6, -1e6, double.NaN, 7.0 / 3.0, -7.0 / 3.0,
        ];
        var mask = new bool[corr.Length];
        int differ = 0;
        foreach (double bgOff in offsets)
        {
            ThresholdSegmenter.Segment(corr, bgOff, mask, thresh);
            for (int i = 0; i < corr.Length; i++)
            {
                if (mask[i] != ((double)corr[i] - bgOff < thresh))
                    differ++;
            }
        }
        await Assert.That(differ).IsEqualTo(0);
    }

    // The vector loop and the scalar fallback on every length up to 3 vectors plus a tail, with
    // values around the limit and the int16 extremes.
    [Test]
    public async Task BelowVectorAndScalar_AllLengths_EqualComparison()
    {
        var rng = new Random(11);
        int differ = 0;
        foreach (short limit in new short[] { -6, 0, short.MinValue + 1, short.MaxValue })
        {
            for (int n = 0; n <= 70; n++)
            {
                var corr = new short[n];
                for (int i = 0; i < n; i++)
                {
                    corr[i] = rng.Next(4) switch
                    {
                        0 => short.MinValue,
                        1 => short.MaxValue,
                        _ => (short)Math.Clamp(limit + rng.Next(-3, 3), short.MinValue, short.MaxValue),
                    };
                }
                var vector = new byte[n];
                var scalar = new byte[n];
                vector.AsSpan().Fill(7);
                ThresholdSegmenter.BelowVector(corr, limit, vector);
                ThresholdSegmenter.BelowScalar(corr, limit, scalar);
                for (int i = 0; i < n; i++)
                {
                    byte expected = corr[i] < limit ? (byte)1 : (byte)0;
                    if (vector[i] != expected || scalar[i] != expected)
                        differ++;
                }
            }
        }
        await Assert.That(differ).IsEqualTo(0);
    }

    [Test]
    public async Task SegmentBatch_ShortLastBatch_EqualsFrameByFrame()
    {
        var rng = new Random(7);
        const int frames = 13, size = 50;
        var corr = new short[frames * size];
        for (int i = 0; i < corr.Length; i++)
            corr[i] = (short)rng.Next(-40, 40);
        var bgOff = new double[frames];
        for (int f = 0; f < frames; f++)
            bgOff[f] = rng.NextDouble() * 6 - 3;
        var batched = new bool[corr.Length];
        for (int start = 0; start < frames; start += ThresholdSegmenter.BatchSize)
        {
            int count = Math.Min(ThresholdSegmenter.BatchSize, frames - start);
            ThresholdSegmenter.SegmentBatch(corr.AsSpan(start * size, count * size), bgOff.AsSpan(start, count),
                batched.AsSpan(start * size, count * size), count, size, -6);
        }
        int differ = 0;
        for (int i = 0; i < corr.Length; i++)
        {
            if (batched[i] != ((double)corr[i] - bgOff[i / size] < -6))
                differ++;
        }
        await Assert.That(differ).IsEqualTo(0);
    }

    [Test]
    public async Task DuplicateFrames_EqualConsecutiveFrames_AreDuplicates()
    {
        byte[] a = [1, 2, 3];
        byte[] b = [1, 2, 4];
        await Assert.That(DuplicateFrames.IsDuplicate(5, a, (byte[])a.Clone())).IsTrue();
        await Assert.That(DuplicateFrames.IsDuplicate(5, a, b)).IsFalse();
        await Assert.That(DuplicateFrames.IsDuplicate(0, a, a)).IsFalse();
    }
}
