namespace Dcnum.Labels;

/// <summary>
/// Per-worker buffers for labelling and label processing of H×W frames, allocated once and reused
/// for every frame (no allocation per frame). Not thread-safe: one instance per worker.
/// </summary>
/// <remarks>
/// Nothing here needs clearing per frame: runs and segments are rebuilt from row 0, the frame bit
/// set is cleared (H × W/64 words), and flags are cleared only up to the largest label present.
/// </remarks>
public sealed class LabelScratch
{
    private OpeningScratch? _opening;

    public LabelScratch(int height, int width)
    {
        if (height < 2 || width < 2)
            throw new ArgumentOutOfRangeException(nameof(height), "frames must be at least 2×2 pixels");
        Height = height;
        Width = width;
        int size = checked(height * width);
        Flags = new bool[ushort.MaxValue + 1];
        // a row of w pixels has at most w runs (neighbours with different labels) and at most
        // w / 2 + 1 background segments
        Runs = new RunTable(height, size);
        Segments = new RunTable(height, size + height);
        RowBuffer = new ulong[RowBits.WordsPerRow(width)];
        FrameBits = new ulong[height * RowBits.WordsPerRow(width)];
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Per label value: on the border (clear border).</summary>
    internal bool[] Flags { get; }

    /// <summary>Runs of the frame being labelled or processed.</summary>
    internal RunTable Runs { get; }

    /// <summary>Background segments (fill holes).</summary>
    internal RunTable Segments { get; }

    /// <summary>One row as bits.</summary>
    internal ulong[] RowBuffer { get; }

    /// <summary>The binary frame of label processing, one <see cref="RowBits"/> row after the other.</summary>
    internal ulong[] FrameBits { get; }

    /// <summary>The buffers of <see cref="DiskOpening"/> for <paramref name="radius"/>, allocated when the radius changes.</summary>
    internal OpeningScratch Opening(int radius)
    {
        if (_opening is null || _opening.Radius != radius)
            _opening = new OpeningScratch(radius, Height, Width);
        return _opening;
    }

    internal void CheckShape(int height, int width, int length)
    {
        if (height != Height || width != Width)
            throw new ArgumentException($"scratch is for {Height}×{Width} frames, not {height}×{width}");
        if (length != height * width)
            throw new ArgumentException($"buffer of {length} values is not one {height}×{width} frame");
    }
}
