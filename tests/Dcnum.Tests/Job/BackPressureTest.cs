using Dcnum.Cli;
using Dcnum.Job;
using Dcnum.Logic;
using Dcnum.Read;
using Dcnum.Tests.Support;
using Dcnum.Write;

namespace Dcnum.Tests.Job;

/// <summary>
/// A deliberately slow writer under the real runner: the workers' back-pressure must hold the
/// bytes of events waiting for the writer near the stall threshold (plus one extraction batch per
/// worker in flight), and the output must still be every event of the fast run, in order, none
/// lost or doubled.
/// </summary>
public class BackPressureTest
{
    [Test]
    public async Task SlowWriter_BacklogStaysBounded_OutputUnchanged()
    {
        using var temp = new TempDirectory("dcnum-backpressure-");
        string fast = Path.Combine(temp.Path, "fast.rtdc");
        string slow = Path.Combine(temp.Path, "slow.rtdc");
        const int workers = 2;
        PipelineJob Job(string output)
        {
            var options = ProcessOptions.Parse([SharedData.Data("bench_2000.rtdc"), output, "-kb", "offset_correction=true",
                "--limit-events", "1500", "--num-cpus", workers.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using RtdcFile input = RtdcFile.Open(options.PathIn);
            return PipelineJob.From(options, input);
        }

        new JobRunner(Job(fast)).Run();
        // 100 ms per run of frames (a batch of at most 100 frames): at most 1000 frames/s, several
        // times slower than two workers even on a loaded 2-core machine (5 ms was faster than the
        // workers, so the backlog never built up and the test failed in CI).
        var slowRunner = new JobRunner(Job(slow)) { BeforeWriterTakes = SlowWriter(frames: 1500) };
        slowRunner.Run();

        // A batch is at most 100 frames; bench_2000 has fewer than 4 events per frame, each holding
        // its mask and image (32 000 bytes each) and its values.
        long batchBytes = 100 * 4 * (2 * 32_000 + 8 * 64);
        long bound = Worker.StallAbove + workers * batchBytes; // threshold + one extraction batch per worker in flight
        await Assert.That(slowRunner.PeakPendingBytes).IsGreaterThan(Worker.ResumeBelow); // the writer did fall behind
        await Assert.That(slowRunner.PeakPendingBytes).IsLessThanOrEqualTo(bound);

        using RtdcFile a = RtdcFile.Open(fast);
        using RtdcFile b = RtdcFile.Open(slow);
        await Assert.That(b.EventCount).IsEqualTo(a.EventCount);
        foreach (string feature in new[] { "basinmap0", "deform", "area_um", "nevents" })
            await Assert.That(b.ReadScalar(feature)).IsEquivalentTo(a.ReadScalar(feature), TUnit.Assertions.Enums.CollectionOrdering.Matching);
    }

    /// <summary>
    /// A writer that writes nothing until the workers have stalled on the backlog (or produced
    /// every frame), whatever the machine's speed, then takes 100 ms before each run of frames.
    /// </summary>
    private static Action<EventCollector> SlowWriter(long frames)
    {
        bool released = false;
        return collector =>
        {
            var wait = System.Diagnostics.Stopwatch.StartNew();
            while (!released && wait.Elapsed < TimeSpan.FromMinutes(2))
            {
                released = collector.PendingBytes > Worker.StallAbove || collector.FramesAdded == frames;
                if (!released)
                    Thread.Sleep(5);
            }
            released = true;
            Thread.Sleep(100);
        };
    }
}
