using Dcnum.Logic;

namespace Dcnum.Tests.Logic;

/// <summary>dcnum's acquire_task_lock / release_task_lock semantics under concurrency, with random batch sizes.</summary>
public class ChunkSlotLeaseTest
{
    private const byte Loading = SlotStateMachine.Loading;
    private const byte Segmenting = SlotStateMachine.SegmentImages.From;

    [Test]
    [Arguments(1000, 8, 1)]
    [Arguments(997, 4, 2)]
    [Arguments(1, 3, 3)]
    public async Task Leases_ManyThreadsRandomBatches_EveryFrameDoneOnce(int length, int threads, int seed)
    {
        var slot = new ChunkSlot(length, 1, 1, isRemainder: false);
        var kernels = new NoKernels();
        var register = new SlotRegister(length, length, 1, 1, kernels, kernels);
        var lease = register.ReserveSlotForTask<SlotStateMachine.LoadAll>(slot)!.Value;
        lease.Enter();
        lease.Leave(true);                                  // now segmenting
        var doneBy = new int[length];
        var failedOnce = new int[length];
        int failures = 0;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var random = new Random(seed * 100 + t);
            while (true)
            {
                var (start, stop) = slot.Acquire(Segmenting, random.Next(1, 40));
                if (stop == start)
                {
                    if (slot.State != Segmenting)
                        return;
                    Thread.Yield();
                    continue;
                }
                // The first batch to hold a frame whose index is a multiple of 5 fails; it must be retried.
                bool ok = true;
                for (int i = start; i < stop; i++)
                {
                    if (i % 5 == 0 && Interlocked.Exchange(ref failedOnce[i], 1) == 0)
                        ok = false;
                }
                if (ok)
                {
                    for (int i = start; i < stop; i++)
                        Interlocked.Increment(ref doneBy[i]);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
                if (slot.Release(start, stop, ok))
                    slot.TryAdvance(Segmenting, SlotStateMachine.SegmentImages.To);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        await Assert.That(slot.State).IsEqualTo(SlotStateMachine.SegmentImages.To);
        await Assert.That(doneBy.All(n => n == 1)).IsTrue();  // failed batches were retried, none done twice
        await Assert.That(slot.Progress).IsEqualTo(0.0);      // the state change cleared progress
        await Assert.That(Enumerable.Range(0, length).Where(i => i % 5 == 0).All(i => failedOnce[i] == 1)).IsTrue();
        await Assert.That(failures).IsGreaterThan(0);
    }

    [Test]
    public async Task Acquire_FirstContiguousFreeRun_StopsAtReservedFrame()
    {
        var slot = new ChunkSlot(10, 1, 1, isRemainder: false);
        await Assert.That(slot.Acquire(Segmenting, 3)).IsEqualTo((0, 0));   // wrong state
        await Assert.That(slot.Acquire(Loading, 3)).IsEqualTo((0, 3));
        await Assert.That(slot.Acquire(Loading, 2)).IsEqualTo((3, 5));
        slot.Release(0, 3, taskDone: false);                                 // failed: free again, not done
        await Assert.That(slot.Acquire(Loading, 0)).IsEqualTo((0, 3));     // up to the reserved run at 3
        await Assert.That(slot.Acquire(Loading, 0)).IsEqualTo((5, 10));
        await Assert.That(slot.Acquire(Loading, 0)).IsEqualTo((0, 0));     // all reserved
        await Assert.That(slot.Progress).IsEqualTo(0.0);
        slot.Release(5, 10, taskDone: true);
        await Assert.That(slot.Progress).IsEqualTo(0.5);
    }

    private sealed class NoKernels : IChunkSource, ISlotKernels
    {
        public void Load(ChunkSlot slot, int chunk, long firstFrame, int count) { }
        public void SegmentImages(ChunkSlot slot, int start, int stop, int worker) { }
        public void LabelMasks(ChunkSlot slot, int start, int stop, int worker) { }
        public void ProcessLabels(ChunkSlot slot, int start, int stop, int worker) { }
        public void ExtractFeatures(ChunkSlot slot, int start, int stop, int worker, Span<int> eventsPerFrame) { }
    }
}
