using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
/// </remarks>
internal sealed class GreyLevelCooccurrence
{
    public const int Directions = 4;

    private const int MaxLevels = 256;

    // (dy, dx) per direction, in mahotas' _2d_deltas order
    private static readonly (int Dy, int Dx)[] s_offsets = [(0, 1), (1, 1), (1, 0), (1, -1)];

    private readonly int[] _cells = new int[Directions * MaxLevels * MaxLevels];
    private readonly int[][] _hit = [[], [], [], []];
    private readonly int[] _hitCount = new int[Directions];
    private readonly long[] _pairs = new long[Directions];

    /// <summary>Row length of <see cref="Cells"/> for the current image: its largest grey level + 1.</summary>
    public int Stride { get; private set; }

    /// <summary>Pair counts of direction <paramref name="direction"/>, at <c>min·Stride + max</c>.</summary>
    public ReadOnlySpan<int> Cells(int direction) => CellSpan(direction);

    /// <summary>The cells holding a non-zero count, each as <c>min &lt;&lt; 8 | max</c>.</summary>
    public ReadOnlySpan<int> HitCells(int direction) => _hit[direction].AsSpan(0, _hitCount[direction]);

    /// <summary>Number of neighbour pairs counted in direction <paramref name="direction"/>.</summary>
    public long Pairs(int direction) => _pairs[direction];

    /// <summary>
    /// Counts neighbour pairs of the quantised box <paramref name="padded"/> where both values are
    /// non-zero. Its layout is <see cref="PaddedLength"/>: box pixel (y, x) at
    /// <c>y·(cols + 2) + x + 1</c>, with a zero column on each side and a zero row below, so every
    /// neighbour of a box pixel is in the buffer and pairs with the padding are ignored like any
    /// pair with a zero. Values ≤ <paramref name="maxLevel"/>. Call <see cref="Clear"/> before the next image.
    /// </summary>
    public void Count(ReadOnlySpan<byte> padded, int rows, int cols, int maxLevel)
    {
        if (padded.Length < PaddedLength(rows, cols) || maxLevel >= MaxLevels)
            throw new ArgumentException($"{padded.Length} levels are not a padded {rows}×{cols} box of levels < {MaxLevels}");
        Stride = maxLevel + 1;
        int s = cols + 2;
        // in mahotas' order of directions: (0,1) right, (1,1) down-right, (1,0) down, (1,−1) down-left
        ReadOnlySpan<int> neighbour = [1, s + 1, s, s - 1];
        for (int d = 0; d < Directions; d++)
        {
            // one hit per pair at most (plus the slot the branch-free append writes past the end)
            if (_hit[d].Length < rows * cols + 1)
                _hit[d] = new int[rows * cols + 1];
            CountDirection(d, padded[..(rows * s)], neighbour[d]);
        }
    }

    /// <summary>Length of the padded box <see cref="Count"/> reads.</summary>
    public static int PaddedLength(int rows, int cols) => (rows + 1) * (cols + 2);

    /// <summary>Zeroes the cells the last <see cref="Count"/> hit.</summary>
    public void Clear()
    {
        for (int d = 0; d < Directions; d++)
        {
            Span<int> cells = CellSpan(d);
            foreach (int key in HitCells(d))
                cells[(key >> 8) * Stride + (key & 0xFF)] = 0;
            _hitCount[d] = 0;
            _pairs[d] = 0;
        }
    }

    // Pairs in raster order (which fixes the order of the hit list, and so of Evaluate's sums).
    // No bounds checks: p + offset stays inside the padded box, and a·Stride + b < Stride².
    private void CountDirection(int direction, ReadOnlySpan<byte> box, int offset)
    {
        Span<int> cellSpan = CellSpan(direction);
        ref int cells = ref MemoryMarshal.GetReference(cellSpan);
        ref int hit = ref MemoryMarshal.GetArrayDataReference(_hit[direction]);
        ref byte levels = ref MemoryMarshal.GetReference(box);
        int stride = Stride;
        int hits = 0;
        long pairs = 0;
        for (int p = 0; p < box.Length; p++)
        {
            int v = Unsafe.Add(ref levels, p);
            int u = Unsafe.Add(ref levels, p + offset);
            // ignore_zeros: pairs with a zero-valued (outside-mask, padding or wrapped) pixel do not count
            if (v == 0 || u == 0)
                continue;
            // (a, b) = (min, max) without a branch: which of two neighbours is larger is a coin toss
            int diff = v - u;
            int a = u + (diff & (diff >> 31));
            int b = v + u - a;
            pairs++;
            ref int cell = ref Unsafe.Add(ref cells, a * stride + b);
            int before = cell;
            cell = before + 1;
            // append the cell's key only on its first hit, without a branch (first hits are unpredictable)
            Unsafe.Add(ref hit, hits) = a << 8 | b;
            hits += before == 0 ? 1 : 0;
        }
        _hitCount[direction] = hits;
        _pairs[direction] = pairs;
    }

    private Span<int> CellSpan(int direction)
        => _cells.AsSpan(direction * MaxLevels * MaxLevels, Stride * Stride);
}
