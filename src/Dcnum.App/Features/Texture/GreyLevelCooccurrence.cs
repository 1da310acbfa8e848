using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dcnum.Features.Texture;

/// <summary>
/// The four symmetric grey-level co-occurrence matrices (distance 1) of a quantised image, with
/// grey level 0 ignored. dcnum counterpart: <c>mahotas.features.texture.cooccurence</c> for the
/// 2-D directions (0,1), (1,1), (1,0), (1,−1) with <c>symmetric=True</c>, followed by
/// <c>haralick_features(ignore_zeros=True)</c> zeroing row and column 0.
/// </summary>
/// <remarks>
/// A pair of neighbours (v, u) is stored once, in the upper triangle at (min, max): the symmetric
/// matrix mahotas builds (<c>C + Cᵀ</c>) holds that count in both off-diagonal cells and twice it
/// on the diagonal. Only cells that were hit are listed, visited and cleared again, so an event
/// costs O(pairs), not O(levels²). The direction's sign does not matter for a symmetric matrix.
/// A cell counts at most one pair per pixel of the box, so boxes of up to 65535 pixels count in
/// <see cref="ushort"/> cells (half the memory the counting walks through), larger ones in
/// <see cref="int"/> (<typeparamref name="TCell"/>).
/// </remarks>
internal sealed class GreyLevelCooccurrence<TCell> where TCell : unmanaged, IBinaryInteger<TCell>
{
    public const int Directions = GreyLevelCooccurrence.Directions;

    private const int MaxLevels = 256;

    // one MaxLevels² block of counts per direction (a fixed distance apart, so the fused pass
    // addresses all four from one base)
    private const int Block = MaxLevels * MaxLevels;

    // a cell counts at most one pair per box pixel
    private static int MaxPixels => Unsafe.SizeOf<TCell>() == sizeof(ushort) ? ushort.MaxValue : int.MaxValue;

    private readonly TCell[] _cells = new TCell[Directions * Block];
    // the hit keys of direction d start at d·_hitCapacity
    private int[] _hits = [];
    private int _hitCapacity;
    private readonly int[] _hitCount = new int[Directions];
    private readonly long[] _pairs = new long[Directions];

    /// <summary>Row length of <see cref="Cells"/> for the current image: its largest grey level + 1.</summary>
    public int Stride { get; private set; }

    /// <summary>Pair counts of direction <paramref name="direction"/>, at <c>min·Stride + max</c>.</summary>
    public ReadOnlySpan<TCell> Cells(int direction) => CellSpan(direction);

    /// <summary>The counts, writable for a reader that zeroes each hit cell as it goes (then <see cref="ForgetHits"/>).</summary>
    public Span<TCell> DrainCells(int direction) => CellSpan(direction);

    /// <summary>Number of neighbour pairs counted in direction <paramref name="direction"/>.</summary>
    public long Pairs(int direction) => _pairs[direction];

    /// <summary>The cells holding a non-zero count in the order of their first pair, each as <c>min &lt;&lt; 8 | max</c>.</summary>
    public ReadOnlySpan<int> HitCells(int direction) => _hits.AsSpan(direction * _hitCapacity, _hitCount[direction]);

    /// <summary>
    /// Counts neighbour pairs of the quantised box <paramref name="padded"/> where both values are
    /// non-zero. Its layout is <see cref="GreyLevelCooccurrence.PaddedLength"/>: box pixel (y, x) at
    /// <c>y·(cols + 2) + x + 1</c>, with a zero column on each side and a zero row below, so every
    /// neighbour of a box pixel is in the buffer and pairs with the padding are ignored like any
    /// pair with a zero. Values ≤ <paramref name="maxLevel"/>. Call <see cref="Clear"/> before the next image.
    /// </summary>
    /// <remarks>
    /// One pass for the four directions, pixels in raster order (which fixes the order of each hit
    /// list, and so of Evaluate's sums). Counting a direction alone stalled whenever consecutive
    /// pairs hit the same cell (smooth regions); four independent cells per pixel overlap.
    /// No bounds checks: p + offset stays inside the padded box, and a·Stride + b &lt; Stride².
    /// </remarks>
    public void Count(ReadOnlySpan<byte> padded, int rows, int cols, int maxLevel)
    {
        if (padded.Length < GreyLevelCooccurrence.PaddedLength(rows, cols) || maxLevel >= MaxLevels || (long)rows * cols > MaxPixels)
            throw new ArgumentException($"{padded.Length} levels are not a padded {rows}×{cols} box of levels < {MaxLevels}");
        int stride = maxLevel + 1;
        Stride = stride;
        // one hit per pair at most, plus the slot the branch-free append writes past the end
        int capacity = rows * cols + 1;
        if (_hits.Length < Directions * capacity)
            _hits = new int[Directions * Math.Max(capacity, 2 * _hitCapacity)];
        _hitCapacity = _hits.Length / Directions;
        int s = cols + 2, length = rows * s;
        ref byte levels = ref MemoryMarshal.GetReference(padded);
        ref TCell cells = ref MemoryMarshal.GetArrayDataReference(_cells);
        ref int hits = ref MemoryMarshal.GetArrayDataReference(_hits);
        // mahotas' order of directions: (0,1) right, (1,1) down-right, (1,0) down, (1,−1) down-left
        int at0 = 0, at1 = _hitCapacity, at2 = 2 * _hitCapacity, at3 = 3 * _hitCapacity;
        for (int p = 0; p < length; p++)
        {
            int v = Unsafe.Add(ref levels, p);
            if (v == 0)
                continue;
            Pair(v, Unsafe.Add(ref levels, p + 1), ref cells, stride, ref hits, ref at0);
            Pair(v, Unsafe.Add(ref levels, p + s + 1), ref Unsafe.Add(ref cells, Block), stride, ref hits, ref at1);
            Pair(v, Unsafe.Add(ref levels, p + s), ref Unsafe.Add(ref cells, 2 * Block), stride, ref hits, ref at2);
            Pair(v, Unsafe.Add(ref levels, p + s - 1), ref Unsafe.Add(ref cells, 3 * Block), stride, ref hits, ref at3);
        }
        _hitCount[0] = at0;
        _hitCount[1] = at1 - _hitCapacity;
        _hitCount[2] = at2 - 2 * _hitCapacity;
        _hitCount[3] = at3 - 3 * _hitCapacity;
        ReadOnlySpan<byte> all = padded[..GreyLevelCooccurrence.PaddedLength(rows, cols)];
        _pairs[0] = GreyLevelCooccurrence.CountPairs(all, length, 1);
        _pairs[1] = GreyLevelCooccurrence.CountPairs(all, length, s + 1);
        _pairs[2] = GreyLevelCooccurrence.CountPairs(all, length, s);
        _pairs[3] = GreyLevelCooccurrence.CountPairs(all, length, s - 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(int v, int u, ref TCell cells, int stride, ref int hits, ref int at)
    {
        // ignore_zeros: pairs with a zero-valued (outside-mask, padding or wrapped) pixel do not count
        if (u == 0)
            return;
        // (a, b) = (min, max) without a branch: which of two neighbours is larger is a coin toss
        int diff = v - u;
        int a = u + (diff & (diff >> 31));
        int b = v + u - a;
        ref TCell cell = ref Unsafe.Add(ref cells, a * stride + b);
        int before = int.CreateTruncating(cell);
        cell = TCell.CreateTruncating(before + 1);
        // append the cell's key only on its first hit, without a branch (first hits are unpredictable)
        Unsafe.Add(ref hits, at) = a << 8 | b;
        at += before == 0 ? 1 : 0;
    }


    /// <summary>After a reader zeroed every hit cell (<see cref="DrainCells"/>): forgets the hits.</summary>
    public void ForgetHits() => Array.Clear(_hitCount);

    /// <summary>Zeroes the cells the last <see cref="Count"/> hit.</summary>
    public void Clear()
    {
        for (int d = 0; d < Directions; d++)
        {
            Span<TCell> cells = CellSpan(d);
            foreach (int key in HitCells(d))
                cells[(key >> 8) * Stride + (key & 0xFF)] = TCell.Zero;
            _hitCount[d] = 0;
        }
    }

    private Span<TCell> CellSpan(int direction)
        => _cells.AsSpan(direction * Block, Stride * Stride);
}

/// <summary>What the two cell widths of <see cref="GreyLevelCooccurrence{TCell}"/> share.</summary>
internal static class GreyLevelCooccurrence
{
    public const int Directions = 4;

    /// <summary>Largest box (pixels) whose counts fit <see cref="ushort"/> cells.</summary>
    public const int NarrowCellsUpTo = ushort.MaxValue;

    /// <summary>Length of the padded box <see cref="GreyLevelCooccurrence{TCell}.Count"/> reads.</summary>
    public static int PaddedLength(int rows, int cols) => (rows + 1) * (cols + 2);

    /// <summary>
    /// Positions p &lt; <paramref name="length"/> where <c>levels[p]</c> and <c>levels[p + offset]</c>
    /// are both non-zero: the pairs of one direction, 16 positions at a time (the padded box holds
    /// every p + offset).
    /// </summary>
    public static long CountPairs(ReadOnlySpan<byte> levels, int length, int offset)
    {
        ref byte start = ref MemoryMarshal.GetReference(levels);
        long pairs = 0;
        int p = 0;
        for (; p + offset + Vector128<byte>.Count <= levels.Length && p + Vector128<byte>.Count <= length; p += Vector128<byte>.Count)
        {
            Vector128<byte> zero = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)p), Vector128<byte>.Zero)
                | Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)(p + offset)), Vector128<byte>.Zero);
            pairs += Vector128<byte>.Count - BitOperations.PopCount(zero.ExtractMostSignificantBits());
        }
        for (; p < length; p++)
            pairs += levels[p] != 0 && levels[p + offset] != 0 ? 1 : 0;
        return pairs;
    }
}
