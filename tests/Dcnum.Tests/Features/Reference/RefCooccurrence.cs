namespace Dcnum.Tests.Features.Reference;

// Test-only reference: src/Dcnum.App/Features/Texture as of commit 4746eae, before the
// bounding-box rework, kept unchanged as the yardstick of BoundingBoxParityTest.

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
internal sealed class RefCooccurrence
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
    /// Counts neighbour pairs of <paramref name="levels"/> (<paramref name="rows"/> × <paramref name="cols"/>,
    /// row-major, values ≤ <paramref name="maxLevel"/>) where both values are non-zero.
    /// Call <see cref="Clear"/> before the next image.
    /// </summary>
    public void Count(ReadOnlySpan<byte> levels, int rows, int cols, int maxLevel)
    {
        Stride = maxLevel + 1;
        for (int d = 0; d < Directions; d++)
        {
            if (_hit[d].Length < rows * cols)
                _hit[d] = new int[rows * cols];
            (int dy, int dx) = s_offsets[d];
            CountDirection(d, levels, rows, cols, dy, dx);
        }
    }

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

    private void CountDirection(int direction, ReadOnlySpan<byte> levels, int rows, int cols, int dy, int dx)
    {
        Span<int> cells = CellSpan(direction);
        Span<int> hit = _hit[direction];
        int stride = Stride;
        int hits = 0;
        long pairs = 0;
        int xStart = dx < 0 ? 1 : 0;
        int xEnd = dx > 0 ? cols - 1 : cols;
        for (int y = 0; y + dy < rows; y++)
        {
            ReadOnlySpan<byte> row = levels.Slice(y * cols, cols);
            ReadOnlySpan<byte> neighbours = levels.Slice((y + dy) * cols, cols);
            for (int x = xStart; x < xEnd; x++)
            {
                int v = row[x];
                int u = neighbours[x + dx];
                // ignore_zeros: pairs with a zero-valued (outside-mask or wrapped) pixel do not count
                if (v == 0 || u == 0)
                    continue;
                int a = Math.Min(v, u);
                int b = v ^ u ^ a;
                pairs++;
                if (cells[a * stride + b]++ == 0)
                    hit[hits++] = a << 8 | b;
            }
        }
        _hitCount[direction] = hits;
        _pairs[direction] = pairs;
    }

    private Span<int> CellSpan(int direction)
        => _cells.AsSpan(direction * MaxLevels * MaxLevels, Stride * Stride);
}
