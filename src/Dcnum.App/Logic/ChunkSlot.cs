namespace Dcnum.Logic;

/// <summary>
/// One chunk of frames in memory and its place in the state machine. Buffers are allocated once
/// and reused for every chunk the slot handles: image, image_bg (uint8), image_corr (int16),
/// bg_off (float64 per frame), mask (bool), labels (uint16), all frame-major N×H×W.
/// Per frame, <em>reserved</em> (a worker holds it) and <em>done</em> (the current task finished
/// it); changing the state clears <em>done</em>.
/// dcnum counterpart: <c>logic.chunk_slot.ChunkSlot</c> + <c>chunk_slot_data.ChunkSlotData</c>.
/// </summary>
public sealed class ChunkSlot
{
    private readonly object _lock = new();
    private readonly bool[] _reserved;
    private readonly bool[] _done;
    private volatile byte _state = SlotStateMachine.Loading;
    private int _doneCount;

    public ChunkSlot(int length, int height, int width, bool isRemainder)
    {
        Length = length;
        Height = height;
        Width = width;
        IsRemainder = isRemainder;
        int size = length * height * width;
        Image = new byte[size];
        ImageBg = new byte[size];
        ImageCorr = new short[size];
        BgOff = new double[length];
        Mask = new bool[size];
        Labels = new ushort[size];
        MaxLabel = new int[length];
        FrameBeforeChunk = new byte[height * width];
        _reserved = new bool[length];
        _done = new bool[length];
    }

    /// <summary>Frames this slot holds (the remainder slot: those of the last chunk).</summary>
    public int Length { get; }
    public int Height { get; }
    public int Width { get; }
    public bool IsRemainder { get; }
    /// <summary>The chunk in the slot, −1 before the first load.</summary>
    public int Chunk { get; internal set; } = -1;

    public byte[] Image { get; }
    public byte[] ImageBg { get; }
    public short[] ImageCorr { get; }
    public double[] BgOff { get; }
    public bool[] Mask { get; }
    public ushort[] Labels { get; }
    /// <summary>Largest label per frame after label processing.</summary>
    public int[] MaxLabel { get; }
    /// <summary>The input frame just before the chunk (duplicate frames are detected across chunk boundaries).</summary>
    public byte[] FrameBeforeChunk { get; }
    /// <summary>Whether bg_off holds values (sparsemed with offset correction, or copied from the input).</summary>
    public bool HasBgOff { get; set; }

    public byte State => _state;

    public int FrameSize => Height * Width;

    /// <summary>Fraction of frames the current task has finished.</summary>
    public double Progress
    {
        get
        {
            lock (_lock)
                return (double)_doneCount / Length;
        }
    }

    /// <summary>Fills the slot with chunk <paramref name="chunk"/> of <paramref name="chunkSize"/> frames (the caller holds the whole-chunk lease).</summary>
    public void Load(IChunkSource source, int chunk, int chunkSize)
    {
        Chunk = chunk;
        source.Load(this, chunk, (long)chunk * chunkSize, Length);
    }

    /// <summary>
    /// dcnum <c>acquire_task_lock</c>: in state <paramref name="state"/>, reserve the first run of
    /// frames that are neither reserved nor done, at most <paramref name="batchSize"/> long
    /// (0 = up to the run's end). (0, 0) when the state differs or nothing is free.
    /// </summary>
    public (int Start, int Stop) Acquire(byte state, int batchSize)
    {
        lock (_lock)
        {
            if (_state != state)
                return (0, 0);
            int start = 0;
            while (start < Length && (_reserved[start] || _done[start]))
                start++;
            if (start == Length)
                return (0, 0);
            int stop = start;
            while (stop < Length && !_reserved[stop] && !_done[stop] && (batchSize == 0 || stop - start < batchSize))
                stop++;
            for (int i = start; i < stop; i++)
                _reserved[i] = true;
            return (start, stop);
        }
    }

    /// <summary>dcnum <c>release_task_lock</c>: frees the frames; marks them done only if the task succeeded. True when the chunk is complete.</summary>
    public bool Release(int start, int stop, bool taskDone)
    {
        lock (_lock)
        {
            for (int i = start; i < stop; i++)
            {
                _reserved[i] = false;
                if (taskDone && !_done[i])
                {
                    _done[i] = true;
                    _doneCount++;
                }
            }
            return _doneCount == Length;
        }
    }

    /// <summary>Moves the slot from <paramref name="from"/> to <paramref name="to"/> if the chunk is complete and nobody holds frames; clears progress.</summary>
    internal bool TryAdvance(byte from, byte to)
    {
        lock (_lock)
        {
            if (_state != from || _doneCount != Length || Array.IndexOf(_reserved, true) >= 0)
                return false;
            Array.Clear(_done);
            _doneCount = 0;
            _state = to;
            return true;
        }
    }

    public override string ToString() => $"ChunkSlot(chunk {Chunk}, {Length} frames, state '{(char)_state}', {Progress:P0} done{(IsRemainder ? ", remainder" : "")})";
}
