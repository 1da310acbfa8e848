namespace Dcnum.Features;

/// <summary>
/// Events of consecutive frames, column by column, reused from batch to batch (cleared, never
/// shrunk): one value per scalar feature, the mask, and the input frame of every event.
/// </summary>
public sealed class EventBatch
{
    private double[] _values;
    private bool[] _masks;
    private long[] _frames;

    public EventBatch(IReadOnlyList<string> featureNames, int height, int width, int capacity = 64)
    {
        FeatureNames = featureNames;
        Height = height;
        Width = width;
        _values = new double[capacity * featureNames.Count];
        _masks = new bool[capacity * height * width];
        _frames = new long[capacity];
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
            Array.Resize(ref _masks, capacity * Height * Width);
        }
        _frames[Count] = frame;
        return Count++;
    }

    public Span<double> ValuesOf(int eventIndex) => _values.AsSpan(eventIndex * FeatureNames.Count, FeatureNames.Count);

    public Span<bool> MaskOf(int eventIndex) => _masks.AsSpan(eventIndex * Height * Width, Height * Width);

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
