namespace Dcnum.Features;

/// <summary>
/// Events of consecutive frames, column by column, reused from batch to batch (cleared, never
/// shrunk): one value per scalar feature, the mask, and the input frame of every event.
/// </summary>
/// <remarks>
/// Each slot remembers a rectangle outside which its mask is all false, so that
/// <see cref="SetMask"/> clears only the previous event's box instead of the whole frame (the
/// full-frame clear per event was a large share of the extractor's memory traffic).
/// </remarks>
public sealed class EventBatch
{
    private double[] _values;
    private bool[] _masks;
    private long[] _frames;
    // per slot: rows [top, end) and columns [left, right) that may hold set pixels; end = 0: none
    private int[] _dirtyTop, _dirtyEnd, _dirtyLeft, _dirtyRight;

    public EventBatch(IReadOnlyList<string> featureNames, int height, int width, int capacity = 64)
    {
        FeatureNames = featureNames;
        Height = height;
        Width = width;
        _values = new double[capacity * featureNames.Count];
        _masks = new bool[capacity * height * width];
        _frames = new long[capacity];
        _dirtyTop = new int[capacity];
        _dirtyEnd = new int[capacity];
        _dirtyLeft = new int[capacity];
        _dirtyRight = new int[capacity];
    }

    public IReadOnlyList<string> FeatureNames { get; }
    public int Height { get; }
    public int Width { get; }
    public int Count { get; private set; }

    public void Clear() => Count = 0;

    /// <summary>Adds an event and returns its index; fill it through <see cref="ValuesOf"/> and <see cref="MaskOf"/>.</summary>
    public int Add(long frame)
    {
        if (Count == _frames.Length)
        {
            int capacity = 2 * _frames.Length;
            Array.Resize(ref _frames, capacity);
            Array.Resize(ref _values, capacity * FeatureNames.Count);
            Array.Resize(ref _masks, capacity * Height * Width); // new slots are all false
            Array.Resize(ref _dirtyTop, capacity);
            Array.Resize(ref _dirtyEnd, capacity);
            Array.Resize(ref _dirtyLeft, capacity);
            Array.Resize(ref _dirtyRight, capacity);
        }
        _frames[Count] = frame;
        return Count++;
    }

    public Span<double> ValuesOf(int eventIndex) => _values.AsSpan(eventIndex * FeatureNames.Count, FeatureNames.Count);

    /// <summary>The event's whole mask, to write freely (the slot then counts as dirty everywhere).</summary>
    public Span<bool> MaskOf(int eventIndex)
    {
        SetDirty(eventIndex, 0, Height, 0, Width);
        return Slot(eventIndex);
    }

    /// <summary>Sets the event's mask to <paramref name="mask"/>: the previous content's rectangle cleared, then the box rows.</summary>
    public void SetMask(int eventIndex, EventMask mask)
    {
        Span<bool> slot = Slot(eventIndex);
        int width = Width;
        int left = _dirtyLeft[eventIndex], columns = _dirtyRight[eventIndex] - left;
        for (int y = _dirtyTop[eventIndex]; y < _dirtyEnd[eventIndex]; y++)
            slot.Slice(y * width + left, columns).Clear();
        for (int y = 0; y < mask.Rows; y++)
            mask.Row(y).CopyTo(slot.Slice((mask.Top + y) * width + mask.Left, mask.Cols));
        SetDirty(eventIndex, mask.Top, mask.Top + mask.Rows, mask.Left, mask.Left + mask.Cols);
    }

    private Span<bool> Slot(int eventIndex) => _masks.AsSpan(eventIndex * Height * Width, Height * Width);

    private void SetDirty(int eventIndex, int top, int end, int left, int right)
    {
        _dirtyTop[eventIndex] = top;
        _dirtyEnd[eventIndex] = end;
        _dirtyLeft[eventIndex] = left;
        _dirtyRight[eventIndex] = right;
    }

    /// <summary>Forgets the last event (gated out or invalid after all).</summary>
    public void RemoveLast() => Count--;

    public ReadOnlySpan<long> Frames => _frames.AsSpan(0, Count);

    public ReadOnlySpan<bool> Masks => _masks.AsSpan(0, Count * Height * Width);

    public double Value(int eventIndex, int featureIndex) => _values[eventIndex * FeatureNames.Count + featureIndex];

    /// <summary>One feature's values of all events, into <paramref name="destination"/>.</summary>
    public void CopyColumn(int featureIndex, Span<double> destination)
    {
        int n = FeatureNames.Count;
        for (int i = 0; i < Count; i++)
            destination[i] = _values[i * n + featureIndex];
    }
}
