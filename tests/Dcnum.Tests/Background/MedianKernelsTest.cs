using Dcnum.Background;

namespace Dcnum.Tests.Background;

/// <summary>The per-pixel upper median split over threads gives the single-threaded result, and both give numpy's k//2 order statistic.</summary>
public class MedianKernelsTest
{
    [Test]
    [Arguments(200, 80 * 400, 2)]
    [Arguments(7, 80 * 401, 3)] // a frame size that is no multiple of the 64-pixel blocks
    [Arguments(1, 130, 2)]
    [Arguments(12, 100, 4)] // fewer pixels than two blocks: one thread
    [Arguments(70_000, 130, 2)] // more frames than a 16-bit count holds
    public async Task Parallel_EqualsSingleThread_EqualsSortedRank(int count, int frameSize, int threads)
    {
        var rng = new Random(count * 7 + frameSize);
        var frames = new byte[count * frameSize];
        rng.NextBytes(frames);
        if (count > ushort.MaxValue)
        {
            // One grey level in 96 % of the frames: its count passes 65535 (a 16-bit counter wraps).
            for (int i = 0; i < frames.Length; i++)
                frames[i] = rng.Next(100) < 96 ? (byte)7 : frames[i];
        }
        var single = new byte[frameSize];
        MedianKernels.UpperMedian(frames, count, frameSize, single);
        var parallel = new byte[frameSize + 5];
        MedianKernels.UpperMedian(frames, count, frameSize, parallel, 5, threads);
        await Assert.That(parallel.AsSpan(5).SequenceEqual(single)).IsTrue();
        var column = new byte[count];
        for (int p = 0; p < frameSize; p += 97)
        {
            for (int f = 0; f < count; f++)
                column[f] = frames[f * frameSize + p];
            Array.Sort(column);
            await Assert.That(single[p]).IsEqualTo(column[count / 2]);
        }
    }
}
