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
/// costs O(pairs), not O(levels²).
/// </remarks>
internal sealed class GreyLevelCooccurrence
{
    public const int Directions = 4;

    private int[] _cells = [];
    private readonly int[][] _hit = [[], [], [], []];
    private readonly int[] _hitCount = new int[Directions];

    /// <summary>Row length of <see cref="Cells"/>: the largest grey level + 1.</summary>
    public int Stride { get; private set; }

    /// <summary>Pair counts of direction <paramref name="direction"/>, at <c>min·Stride + max</c>.</summary>
    public ReadOnlySpan<int> Cells(int direction)
        => _cells.AsSpan(direction * Stride * Stride, Stride * Stride);

    /// <summary>Indexes into <see cref="Cells"/> of the cells holding a non-zero count.</summary>
    public ReadOnlySpan<int> HitCells(int direction) => _hit[direction].AsSpan(0, _hitCount[direction]);

    /// <summary>
    /// Counts neighbour pairs of <paramref name="levels"/> (<paramref name="rows"/> × <paramref name="cols"/>,
    /// row-major, values ≤ <paramref name="maxLevel"/>) where both values are non-zero.
    /// Call <see cref="Clear"/> before the next image.
    /// </summary>
    public void Count(ReadOnlySpan<byte> levels, int rows, int cols, int maxLevel)
    {
        int n = maxLevel + 1;
        Stride = n;
        if (_cells.Length < Directions * n * n)
            _cells = new int[Directions * n * n];
        int maxPairs = rows * cols;
        for (int d = 0; d < Directions; d++)
        {
            if (_hit[d].Length < maxPairs)
                _hit[d] = new int[maxPairs];
            _hitCount[d] = 0;
        }

        Span<int> horizontal = _cells.AsSpan(0, n * n);
        Span<int> diagonal = _cells.AsSpan(n * n, n * n);
        Span<int> vertical = _cells.AsSpan(2 * n * n, n * n);
        Span<int> antiDiagonal = _cells.AsSpan(3 * n * n, n * n);
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<byte> row = levels.Slice(y * cols, cols);
            bool hasNext = y + 1 < rows;
            ReadOnlySpan<byte> next = hasNext ? levels.Slice((y + 1) * cols, cols) : default;
            for (int x = 0; x < cols; x++)
            {
                int v = row[x];
                if (v == 0)
                    continue;
                if (x + 1 < cols)
                    Add(horizontal, 0, v, row[x + 1], n);
                if (!hasNext)
                    continue;
                if (x + 1 < cols)
                    Add(diagonal, 1, v, next[x + 1], n);
                Add(vertical, 2, v, next[x], n);
                if (x > 0)
                    Add(antiDiagonal, 3, v, next[x - 1], n);
            }
        }
    }

    /// <summary>Zeroes the cells the last <see cref="Count"/> hit.</summary>
    public void Clear()
    {
        for (int d = 0; d < Directions; d++)
        {
            Span<int> cells = _cells.AsSpan(d * Stride * Stride, Stride * Stride);
            foreach (int index in HitCells(d))
                cells[index] = 0;
            _hitCount[d] = 0;
        }
    }

    private void Add(Span<int> cells, int direction, int v, int u, int n)
    {
        // ignore_zeros: pairs with a zero-valued (outside-mask or wrapped) pixel do not count
        if (u == 0)
            return;
        int index = v <= u ? v * n + u : u * n + v;
        if (cells[index]++ == 0)
            _hit[direction][_hitCount[direction]++] = index;
    }
}
