namespace Dcnum.Labels;

/// <summary>
/// Per-worker buffers for labelling and label processing of H×W frames, allocated once and reused
/// for every frame (no allocation per frame). Not thread-safe: one instance per worker.
/// </summary>
public sealed class LabelScratch
{
    public LabelScratch(int height, int width)
    {
        if (height < 2 || width < 2)
            throw new ArgumentOutOfRangeException(nameof(height), "frames must be at least 2×2 pixels");
        Height = height;
        Width = width;
        int size = checked(height * width);
        Provisional = new int[size];
        // provisional labels never exceed the pixel count
        Parent = new int[size + 1];
        Binary = new byte[size];
        Eroded = new byte[size];
        Stack = new int[size];
        Flags = new bool[ushort.MaxValue + 1];
        Counts = new int[ushort.MaxValue + 1];
        Visit = new int[size];
        BoxY0 = new int[ushort.MaxValue + 1];
        BoxY1 = new int[ushort.MaxValue + 1];
        BoxX0 = new int[ushort.MaxValue + 1];
        BoxX1 = new int[ushort.MaxValue + 1];
        // a row of w pixels has at most w runs (neighbours with different labels) and at most
        // w / 2 + 1 background segments
        Runs = new RunTable(height, size);
        Segments = new RunTable(height, size + height);
        RowBuffer = new ulong[RowBits.WordsPerRow(width)];
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Runs of the frame being labelled or processed.</summary>
    internal RunTable Runs { get; }

    /// <summary>Background segments (fill holes).</summary>
    internal RunTable Segments { get; }

    /// <summary>One row as bits.</summary>
    internal ulong[] RowBuffer { get; }

    internal int[] Provisional { get; }

    internal int[] Parent { get; }

    internal byte[] Binary { get; }

    internal byte[] Eroded { get; }

    internal int[] Stack { get; }

    internal bool[] Flags { get; }

    internal int[] Counts { get; }

    /// <summary>Flood-fill visit marks: a pixel is visited in the current fill iff it holds <see cref="VisitStamp"/>.</summary>
    internal int[] Visit { get; }

    internal int VisitStamp { get; private set; }

    internal int[] BoxY0 { get; }

    internal int[] BoxY1 { get; }

    internal int[] BoxX0 { get; }

    internal int[] BoxX1 { get; }

    /// <summary>Starts a new fill: a fresh stamp, so <see cref="Visit"/> never needs clearing per frame.</summary>
    internal int NextVisitStamp()
    {
        if (VisitStamp == int.MaxValue)
        {
            Array.Clear(Visit);
            VisitStamp = 0;
        }
        return ++VisitStamp;
    }

    private int _diskRadius = -1;
    private int[] _diskDy = [];
    private int[] _diskDx = [];

    /// <summary>The footprint offsets of <see cref="DiskFootprint"/> for <paramref name="radius"/>, cached.</summary>
    internal (int[] Dy, int[] Dx) Disk(int radius)
    {
        if (radius != _diskRadius)
        {
            (_diskDy, _diskDx) = DiskFootprint.Offsets(radius);
            _diskRadius = radius;
        }
        return (_diskDy, _diskDx);
    }

    internal void CheckShape(int height, int width, int length)
    {
        if (height != Height || width != Width)
            throw new ArgumentException($"scratch is for {Height}×{Width} frames, not {height}×{width}");
        if (length != height * width)
            throw new ArgumentException($"buffer of {length} values is not one {height}×{width} frame");
    }
}

/// <summary>A rectangle of rows <c>Y0..Y1</c> and columns <c>X0..X1</c> (inclusive).</summary>
internal readonly record struct Region(int Y0, int Y1, int X0, int X1)
{
    public static Region Full(int height, int width) => new(0, height - 1, 0, width - 1);

    public bool Contains(int y, int x) => y >= Y0 && y <= Y1 && x >= X0 && x <= X1;
}
