using System.Diagnostics;
using static Dcnum.Logic.SlotStateMachine;

namespace Dcnum.Logic;

// The five tasks, in the order workers run them (dcnum: task_load_all, task_segment_images,
// task_label_masks, task_process_labels, task_extract_features). Each returns whether it did work.
public sealed partial class SlotRegister
{
    /// <summary>Loads chunks into free slots; one loader at a time; the remainder slot takes only the last chunk.</summary>
    public bool TaskLoadAll()
    {
        if (!Monitor.TryEnter(_loaderLock))
            return false;
        long t0 = Stopwatch.GetTimestamp();
        bool did = false;
        try
        {
            foreach (ChunkSlot slot in _slots)
            {
                int chunk = ChunksLoaded;
                if (chunk >= NumChunks || slot.State != LoadAll.From)
                    continue;
                bool lastChunk = chunk == NumChunks - 1;
                if (lastChunk != slot.IsRemainder)
                    continue;
                StateWarden<LoadAll>? lease = ReserveSlotForTask<LoadAll>(slot);
                if (lease is not { } warden)
                    continue;
                if (warden.BatchSize != slot.Length)
                {
                    warden.Leave(false);
                    throw new InvalidOperationException($"{warden}: a load must reserve the whole chunk");
                }
                Run(ref warden, w => w.Slot.Load(_source, chunk, ChunkSize));
                // Run returned, so the load succeeded (a failed one throws) and the slot left the
                // loading state. Count it now, not by looking at the slot: other workers may already
                // have taken it through every task back to loading, and the chunk would load twice.
                Interlocked.Increment(ref _chunksLoaded);
                did = true;
            }
        }
        finally
        {
            Monitor.Exit(_loaderLock);
            AddTime(LoadAll.Index, t0);
        }
        return did;
    }

    public bool TaskSegmentImages(int worker) => RunBatches<SegmentImages>(worker, (s, a, b, w) => _kernels.SegmentImages(s, a, b, w));

    public bool TaskLabelMasks(int worker) => RunBatches<LabelMasks>(worker, (s, a, b, w) => _kernels.LabelMasks(s, a, b, w));

    public bool TaskProcessLabels(int worker) => RunBatches<ProcessLabels>(worker, (s, a, b, w) => _kernels.ProcessLabels(s, a, b, w));

    public bool TaskExtractFeatures(int worker) => RunBatches<ExtractFeatures>(worker, (slot, start, stop, w) =>
    {
        Span<int> counts = stackalloc int[stop - start];
        _kernels.ExtractFeatures(slot, start, stop, w, counts);
        long first = (long)slot.Chunk * ChunkSize + start;
        for (int i = 0; i < counts.Length; i++)
            Volatile.Write(ref FeatNEvents[first + i], counts[i]);
    });

    /// <summary>Leases batches of the first slot in the task's state until none is free.</summary>
    private bool RunBatches<TTask>(int worker, Action<ChunkSlot, int, int, int> work) where TTask : ISlotTask
    {
        long t0 = Stopwatch.GetTimestamp();
        bool did = false;
        try
        {
            ChunkSlot? slot = FindSlot(TTask.From);
            if (slot is null)
                return false;
            while (ReserveSlotForTask<TTask>(slot) is { } warden)
            {
                var lease = warden;
                Run(ref lease, w => work(w.Slot, w.Start, w.Stop, worker));
                did = true;
            }
            return did;
        }
        finally
        {
            AddTime(TTask.Index, t0);
        }
    }

    /// <summary>Enter, work, leave: the batch counts as done only if the work did not throw.</summary>
    private static void Run<TTask>(ref StateWarden<TTask> warden, Action<StateWarden<TTask>> work) where TTask : ISlotTask
    {
        bool ok = false;
        try
        {
            warden.Enter();
            work(warden);
            ok = true;
        }
        finally
        {
            warden.Leave(ok);
        }
    }
}
