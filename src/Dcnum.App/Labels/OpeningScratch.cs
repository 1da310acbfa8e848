namespace Dcnum.Labels;

/// <summary>Buffers of <see cref="DiskOpening"/> for one radius and frame shape.</summary>
internal sealed class OpeningScratch
{
    public OpeningScratch(int radius, int height, int width)
    {
        Radius = radius;
        HalfWidth = DiskFootprint.HalfWidths(radius);
        int plane = height * RowBits.WordsPerRow(width);
        Levels = new ulong[(radius + 1) * plane];
        Eroded = new ulong[plane];
        Padded = new ulong[RowBits.WordsPerRow(width) + 2];
        RowLo = new int[height];
        RowHi = new int[height];
        NeedLo = new int[height];
        NeedHi = new int[height];
        ErodedLo = new int[height];
        ErodedHi = new int[height];
    }

    public int Radius { get; }

    /// <summary>Per |dy| = 0 … r: the half-width of the disk's row dy.</summary>
    public int[] HalfWidth { get; }

    /// <summary>Horizontal erosions (then dilations) by k = 1 … r, one frame plane per k (plane 0 unused).</summary>
    public ulong[] Levels { get; }

    public ulong[] Eroded { get; }

    /// <summary>One row with a word of border on each side.</summary>
    public ulong[] Padded { get; }

    /// <summary>Per row: the first and last non-zero word of the foreground.</summary>
    public int[] RowLo { get; }

    public int[] RowHi { get; }

    /// <summary>Per row: the words whose horizontal erosions some eroded row reads.</summary>
    public int[] NeedLo { get; }

    public int[] NeedHi { get; }

    /// <summary>Per row: the words of the erosion that can be non-zero (then: that its dilation can reach).</summary>
    public int[] ErodedLo { get; }

    public int[] ErodedHi { get; }
}
