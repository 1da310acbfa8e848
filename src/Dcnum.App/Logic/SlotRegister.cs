using System.Diagnostics;

namespace Dcnum.Logic;

/// <summary>What the workers should do: work, idle, or stop.</summary>
public enum RegisterState : byte
{
    Work = (byte)'w',
    Pause = (byte)'p',
    Quit = (byte)'q',
}

/// <summary>
/// The chunk slots of a run and their scheduling: <c>numSlots</c> full-size slots plus one
/// remainder slot (it always takes the last chunk), visited in ascending chunk order; counters and
/// per-task timers shared by all workers; <see cref="FeatNEvents"/> per frame (−1 until extracted).
/// dcnum counterpart: <c>logic.slot_register.SlotRegister</c>.
/// </summary>
public sealed partial class SlotRegister : IEnumerable<ChunkSlot>
{
    private readonly ChunkSlot[] _slots;
    private readonly IChunkSource _source;
    private readonly ISlotKernels _kernels;
    private readonly object _loaderLock = new();
    private readonly long[] _taskTicks = new long[5];
    private int _chunksLoaded;
    private long _writeQueueSize;
    private volatile RegisterState _state = RegisterState.Work;

    public SlotRegister(long numFrames, int chunkSize, int height, int width, IChunkSource source, ISlotKernels kernels, int numSlots = 3)
    {
        if (numFrames <= 0)
            throw new ArgumentOutOfRangeException(nameof(numFrames), "a register needs at least one frame");
        if (chunkSize <= 0 || numSlots <= 0)
            throw new ArgumentOutOfRangeException(nameof(chunkSize));
        NumFrames = numFrames;
        ChunkSize = (int)Math.Min(chunkSize, numFrames);
        NumChunks = (int)((numFrames + ChunkSize - 1) / ChunkSize);
        _source = source;
        _kernels = kernels;
        int last = (int)(numFrames - (long)(NumChunks - 1) * ChunkSize);
        // No more full slots than chunks before the last one.
        int full = Math.Min(numSlots, NumChunks - 1);
        _slots = new ChunkSlot[full + 1];
        for (int i = 0; i < full; i++)
            _slots[i] = new ChunkSlot(ChunkSize, height, width, isRemainder: false);
        _slots[full] = new ChunkSlot(last, height, width, isRemainder: true);
        FeatNEvents = new long[numFrames];
        Array.Fill(FeatNEvents, -1);
    }

    public long NumFrames { get; }
    public int ChunkSize { get; }
    public int NumChunks { get; }
    public int Count => _slots.Length;
    public ChunkSlot this[int index] => _slots[index];

    /// <summary>Slots in ascending chunk order (slots never loaded first).</summary>
    public IReadOnlyList<ChunkSlot> Slots => [.. _slots.OrderBy(s => s.Chunk)];

    /// <summary>Enumerates the slots in ascending chunk order, as dcnum iterates its register.</summary>
    public IEnumerator<ChunkSlot> GetEnumerator() => Slots.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Events found per input frame; −1 until the frame's features are extracted.</summary>
    public long[] FeatNEvents { get; }

    public int ChunksLoaded => Volatile.Read(ref _chunksLoaded);
    public long WriteQueueSize => Interlocked.Read(ref _writeQueueSize);

    /// <summary>The writer reports its backlog (bytes of events waiting to be written); workers stall above <see cref="Worker.StallAbove"/>.</summary>
    public void SetWriteQueueSize(long n) => Interlocked.Exchange(ref _writeQueueSize, n);

    public RegisterState State
    {
        get => _state;
        set => _state = value;
    }

    /// <summary>Stops the workers.</summary>
    public void Close() => _state = RegisterState.Quit;

    /// <summary>Accumulated wall time of a task over all workers.</summary>
    public TimeSpan GetTime(int taskIndex) => TimeSpan.FromTicks(Interlocked.Read(ref _taskTicks[taskIndex]) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    /// <summary>True when every chunk was loaded and every frame extracted.</summary>
    public bool IsDone
    {
        get
        {
            if (ChunksLoaded < NumChunks)
                return false;
            foreach (ChunkSlot s in _slots)
            {
                if (s.State != SlotStateMachine.Loading)
                    return false;
            }
            return true;
        }
    }

    /// <summary>The slot with the lowest chunk index in <paramref name="state"/> (and chunk, if given), or null.</summary>
    public ChunkSlot? FindSlot(byte state, int? chunk = null)
    {
        ChunkSlot? best = null;
        foreach (ChunkSlot s in _slots)
        {
            if (s.State == state && (chunk is null || s.Chunk == chunk) && (best is null || s.Chunk < best.Chunk))
                best = s;
        }
        return best;
    }

    /// <summary>
    /// A lease on the next free batch for <typeparamref name="TTask"/>: in <paramref name="slot"/>, or
    /// else in the first slot (by chunk) in the task's state. Null when nothing can be reserved.
    /// </summary>
    public StateWarden<TTask>? ReserveSlotForTask<TTask>(ChunkSlot? slot = null, int? batchSize = null) where TTask : ISlotTask
    {
        int size = batchSize ?? TTask.BatchSize;
        if (slot is not null)
        {
            var (start, stop) = slot.Acquire(TTask.From, size);
            return stop > start ? new StateWarden<TTask>(slot, start, stop) : null;
        }
        foreach (ChunkSlot s in Slots)
        {
            if (s.State != TTask.From)
                continue;
            var (start, stop) = s.Acquire(TTask.From, size);
            if (stop > start)
                return new StateWarden<TTask>(s, start, stop);
        }
        return null;
    }

    private void AddTime(int taskIndex, long startTimestamp)
        => Interlocked.Add(ref _taskTicks[taskIndex], Stopwatch.GetTimestamp() - startTimestamp);
}
