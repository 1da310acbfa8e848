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
    public async Task Parallel_EqualsSingleThread_EqualsSortedRank(int count, int frameSize, int threads)
    {
        var rng = new Random(count * 7 + frameSize);
        var frames = new byte[count * frameSize];
        rng.NextBytes(frames);
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
