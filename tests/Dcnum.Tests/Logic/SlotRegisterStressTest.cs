using System.Collections.Concurrent;
using System.Diagnostics;
using Dcnum.Logic;

namespace Dcnum.Tests.Logic;

/// <summary>
/// The register under load: many workers, batches that fail (before doing anything, as a failing
/// task leaves no result) by a fixed-seed function of the batch, whichever thread runs it. Every
/// frame must complete load, s, m, l and e exactly once, in that order; nothing may deadlock;
/// pause holds the workers; quit stops them.
/// </summary>
public class SlotRegisterStressTest
{
    /// <summary>Fake stages that record, per frame, the sequence of completed steps.</summary>
    private sealed class RecordingKernels(long frames, double failure, int seed) : IChunkSource, ISlotKernels
    {
        public readonly int[] Step = new int[frames];          // 0 none, 1 loaded, 2 s, 3 m, 4 l, 5 e
        public readonly int[] Violations = new int[1];
        public readonly ConcurrentDictionary<int, int> Loads = new();
        private readonly ConcurrentDictionary<(int Step, int Chunk, int Start), int> _attempts = new();
        public int Failures;

        /// <summary>Fails the batch by a function of (seed, step, chunk, first frame, attempt): reproducible whichever thread runs it.</summary>
        private void MaybeFail(int step, ChunkSlot slot, int start)
        {
            int attempt = _attempts.AddOrUpdate((step, slot.Chunk, start), 1, (_, n) => n + 1);
            ulong h = SplitMix((ulong)seed * 0x9E3779B97F4A7C15UL ^ SplitMix(((ulong)step << 48) ^ ((ulong)slot.Chunk << 24) ^ (ulong)start) ^ (ulong)attempt);
            if ((h >> 11) * (1.0 / (1UL << 53)) < failure)
            {
                Interlocked.Increment(ref Failures);
                throw new InvalidOperationException("injected failure");
            }
        }

        private static ulong SplitMix(ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }

        private void Advance(ChunkSlot slot, int start, int stop, int from)
        {
            for (int i = start; i < stop; i++)
            {
                long f = FrameOf(slot, i);
                if (Interlocked.CompareExchange(ref Step[f], from + 1, from) != from)
                    Interlocked.Increment(ref Violations[0]);
            }
        }

        public int ChunkSize;

        private long FrameOf(ChunkSlot slot, int i) => (long)slot.Chunk * ChunkSize + i;

        public void Load(ChunkSlot slot, int chunk, long firstFrame, int count)
        {
            MaybeFail(0, slot, 0);
            Loads.AddOrUpdate(chunk, 1, (_, n) => n + 1);
            if (firstFrame != (long)chunk * ChunkSize || count != slot.Length)
                Interlocked.Increment(ref Violations[0]);
            Advance(slot, 0, count, 0);
        }

        public void SegmentImages(ChunkSlot slot, int start, int stop, int worker) { MaybeFail(1, slot, start); Advance(slot, start, stop, 1); }
        public void LabelMasks(ChunkSlot slot, int start, int stop, int worker) { MaybeFail(2, slot, start); Advance(slot, start, stop, 2); }
        public void ProcessLabels(ChunkSlot slot, int start, int stop, int worker) { MaybeFail(3, slot, start); Advance(slot, start, stop, 3); }

        public void ExtractFeatures(ChunkSlot slot, int start, int stop, int worker, Span<int> eventsPerFrame)
        {
            MaybeFail(4, slot, start);
            Advance(slot, start, stop, 4);
            for (int i = 0; i < eventsPerFrame.Length; i++)
                eventsPerFrame[i] = (int)(FrameOf(slot, start + i) % 3);
        }
    }

    [Test]
    [Arguments(1000L, 100, 4, 0.0)]
    [Arguments(1037L, 100, 4, 0.1)]
    [Arguments(5003L, 250, 8, 0.05)]
    [Arguments(50L, 100, 3, 0.1)]   // smaller than one chunk
    [Arguments(1L, 10, 2, 0.2)]     // one frame
    [Arguments(300L, 100, 1, 0.1)]  // divides; one worker
    public async Task Run_ManyWorkersRandomFailures_EveryFrameEveryStateOnce(long frames, int chunkSize, int workers, double failure)
    {
        var kernels = new RecordingKernels(frames, failure, seed: 17) { ChunkSize = (int)Math.Min(chunkSize, frames) };
        var register = new SlotRegister(frames, chunkSize, 2, 3, kernels, kernels, numSlots: 3);
        var errors = new ConcurrentQueue<Exception>();
        var pool = Enumerable.Range(0, workers).Select(i => new Worker(register, i, errors.Enqueue)).ToList();
        pool.ForEach(w => w.Start());
        var watch = Stopwatch.StartNew();
        while (!IsDone(register) && watch.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(5);
        bool done = IsDone(register);
        register.Close();
        pool.ForEach(w => w.Join());

        await Assert.That(done).IsTrue();
        await Assert.That(kernels.Violations[0]).IsEqualTo(0);
        await Assert.That(kernels.Step.All(s => s == 5)).IsTrue();
        await Assert.That(register.ChunksLoaded).IsEqualTo(register.NumChunks);
        await Assert.That(kernels.Loads.Count).IsEqualTo(register.NumChunks);
        await Assert.That(kernels.Loads.Values.All(n => n == 1)).IsTrue();   // successful loads once each
        for (long f = 0; f < frames; f++)
            await Assert.That(register.FeatNEvents[f]).IsEqualTo(f % 3);
        await Assert.That(errors.Count).IsEqualTo(kernels.Failures);        // every failure reported, none lost
        await Assert.That(errors.All(e => e.Message == "injected failure")).IsTrue();
        if (failure > 0 && frames >= 1000)
            await Assert.That(kernels.Failures).IsGreaterThan(0);
    }

    /// <summary>
    /// The loader preempted right after its load: by the time it looks again, the other workers may
    /// have taken the slot through s, m, l and e back to the loading state. One-frame chunks make
    /// that round trip a few microseconds, and threads that only burn CPU (a loaded machine, as in
    /// the full test run) preempt the loader at random points, thousands of loads per run. Every
    /// chunk must still be loaded, and its events extracted, exactly once.
    /// </summary>
    [Test]
    [NotInParallel] // its CPU burners would slow and disturb whatever else runs beside it
    [Arguments(1)]
    [Arguments(2)]
    [Arguments(3)]
    [Arguments(4)]
    public async Task Loader_PreemptedAfterLoad_NoChunkLoadedTwice(int workers)
    {
        const long Frames = 200_000;
        var kernels = new RecordingKernels(Frames, 0, seed: 5) { ChunkSize = 1 };
        var register = new SlotRegister(Frames, 1, 1, 1, kernels, kernels, numSlots: 1);
        var errors = new ConcurrentQueue<Exception>();
        var pool = Enumerable.Range(0, workers).Select(i => new Worker(register, i, errors.Enqueue)).ToList();
        bool stop = false;
        var burners = Enumerable.Range(0, 8).Select(_ => new Thread(Burn) { IsBackground = true }).ToList();
        burners.ForEach(b => b.Start());
        pool.ForEach(w => w.Start());
        var watch = Stopwatch.StartNew();
        while (!IsDone(register) && kernels.Violations[0] == 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(5);
        register.Close();
        pool.ForEach(w => w.Join());
        Volatile.Write(ref stop, true);
        burners.ForEach(b => b.Join());

        await Assert.That(kernels.Loads.Where(l => l.Value != 1).Select(l => l.Key)).IsEmpty();
        await Assert.That(kernels.Violations[0]).IsEqualTo(0);
        await Assert.That(IsDone(register)).IsTrue();
        await Assert.That(kernels.Step.All(s => s == 5)).IsTrue();
        await Assert.That(errors).IsEmpty();

        void Burn()
        {
            while (!Volatile.Read(ref stop))
            {
                Thread.SpinWait(5000);
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Every chunk loaded and every slot back in the loading state: every frame extracted.</summary>
    private static bool IsDone(SlotRegister register)
        => register.ChunksLoaded == register.NumChunks && register.Slots.All(s => s.State == SlotStateMachine.Loading);

    [Test]
    public async Task Slots_RemainderTakesLastChunkEvenWhenFullSize()
    {
        var kernels = new RecordingKernels(400, 0, 1) { ChunkSize = 100 };
        var register = new SlotRegister(400, 100, 2, 2, kernels, kernels, numSlots: 3);
        await Assert.That(register.NumChunks).IsEqualTo(4);
        await Assert.That(register.Count).IsEqualTo(4);                 // 3 full + remainder
        await Assert.That(register[3].IsRemainder).IsTrue();
        await Assert.That(register[3].Length).IsEqualTo(100);
        var small = new SlotRegister(1037, 100, 2, 2, kernels, kernels, numSlots: 3);
        await Assert.That(small.NumChunks).IsEqualTo(11);
        await Assert.That(small[small.Count - 1].Length).IsEqualTo(37);
        await Assert.That(small.FeatNEvents.All(v => v == -1)).IsTrue();
    }

    [Test]
    public async Task Pause_HoldsWorkers_WorkResumes()
    {
        var kernels = new RecordingKernels(2000, 0, 3) { ChunkSize = 100 };
        var register = new SlotRegister(2000, 100, 2, 2, kernels, kernels);
        register.State = RegisterState.Pause;
        var errors = new ConcurrentQueue<Exception>();
        var pool = Enumerable.Range(0, 2).Select(i => new Worker(register, i, errors.Enqueue)).ToList();
        pool.ForEach(w => w.Start());
        await Task.Delay(100);
        await Assert.That(register.ChunksLoaded).IsEqualTo(0);
        register.State = RegisterState.Work;
        var watch = Stopwatch.StartNew();
        while (!IsDone(register) && watch.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(5);
        await Assert.That(IsDone(register)).IsTrue();
        register.Close();
        pool.ForEach(w => w.Join());
        await Assert.That(errors.Count).IsEqualTo(0);
    }

    [Test]
    public async Task Warden_NeverEntered_LeaveMarksNothingDone()
    {
        var slot = new ChunkSlot(10, 1, 1, isRemainder: false);
        var kernels = new RecordingKernels(10, 0, 1) { ChunkSize = 10 };
        var register = new SlotRegister(10, 10, 1, 1, kernels, kernels);
        StateWarden<SlotStateMachine.SegmentImages>? none = register.ReserveSlotForTask<SlotStateMachine.SegmentImages>(slot);
        await Assert.That(none.HasValue).IsFalse(); // slot is in 'i', not 's'
        var lease = register.ReserveSlotForTask<SlotStateMachine.LoadAll>(slot)!.Value;
        await Assert.That(lease.BatchSize).IsEqualTo(10);
        await Assert.That(lease.ToString()).Contains("LoadAll");
        lease.Leave(true);                           // never entered: not done
        await Assert.That(slot.Progress).IsEqualTo(0.0);
        await Assert.That(slot.State).IsEqualTo(SlotStateMachine.Loading);
    }

    [Test]
    public async Task Warden_StateChangedBeforeEnter_ReleasesAndThrows()
    {
        // Frames reserved while the slot is loading, then a segmentation lease over them: as if the
        // slot had moved on between the reservation and the task's start.
        var slot = new ChunkSlot(10, 1, 1, isRemainder: false);
        await Assert.That(slot.Acquire(SlotStateMachine.Loading, 4)).IsEqualTo((0, 4));
        var warden = new StateWarden<SlotStateMachine.SegmentImages>(slot, 0, 4);
        InvalidOperationException? thrown = null;
        try
        {
            warden.Enter();
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }
        await Assert.That(thrown).IsNotNull();
        await Assert.That(thrown!.Message).Contains("left state 's'");
        warden.Leave(true);                          // released already: nothing marked done
        await Assert.That(slot.Progress).IsEqualTo(0.0);
        await Assert.That(slot.Acquire(SlotStateMachine.Loading, 0)).IsEqualTo((0, 10)); // the frames were freed
    }
}
