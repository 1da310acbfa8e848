namespace Dcnum.Features.Texture;

/// <summary>
/// Per-worker work space of <see cref="HaralickFeatures"/>: the quantised crop and the four
/// co-occurrence matrices. Not thread-safe; one per worker, reused for every event, so the
/// computation allocates nothing once the buffers have grown to the largest event seen.
/// </summary>
public sealed class HaralickScratch
{
    private byte[] _levels = [];

    /// <summary>Co-occurrence counts of boxes of up to 65535 pixels (every box of an 80×400 frame).</summary>
    internal GreyLevelCooccurrence<ushort> Narrow { get; } = new();

    /// <summary>Counts of larger boxes, created on first use.</summary>
    internal GreyLevelCooccurrence<int> Wide => _wide ??= new();

    private GreyLevelCooccurrence<int>? _wide;

    /// <summary>The box of a full-frame mask given to the frame overloads.</summary>
    internal EventMask FrameMask { get; } = new();

    // per direction: marginals, sum and difference histograms (HaralickDirection's layout)
    internal int[] RowSums { get; } = new int[GreyLevelCooccurrence.Directions * HaralickDirection.RowLength];

    internal int[] SumCounts { get; } = new int[GreyLevelCooccurrence.Directions * HaralickDirection.SumLength];

    internal int[] DiffCounts { get; } = new int[GreyLevelCooccurrence.Directions * HaralickDirection.DiffLength];

    /// <summary>Per-direction features, direction-major (4 × 11).</summary>
    internal double[] PerDirection { get; } = new double[GreyLevelCooccurrence.Directions * HaralickDirection.FeatureCount];

    private short[] _frameCorr = [];

    /// <summary>image_corr of a whole frame, for the overload that takes image and image_bg.</summary>
    internal Span<short> FrameCorr(int length)
    {
        if (_frameCorr.Length < length)
            _frameCorr = new short[length];
        return _frameCorr.AsSpan(0, length);
    }

    /// <summary>The quantised crop, at least <paramref name="length"/> long.</summary>
    internal Span<byte> Levels(int length)
    {
        if (_levels.Length < length)
            _levels = new byte[Math.Max(length, 2 * _levels.Length)];
        return _levels.AsSpan(0, length);
    }
}
