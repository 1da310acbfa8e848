namespace Dcnum.Tests.Features.Reference;

// Test-only reference: HaralickFeatures (image_corr overload) as of commit 4746eae, which found
// the mask's bounding box by scanning the whole frame.
internal sealed class RefHaralick
{
    private const int Count = 2 * RefHaralickDirection.FeatureCount;
    private readonly RefCooccurrence _cooccurrence = new();
    private readonly int[] _rowSums = new int[256];
    private readonly int[] _sumCounts = new int[511];
    private readonly int[] _diffCounts = new int[256];
    private readonly double[] _perDirection = new double[RefCooccurrence.Directions * RefHaralickDirection.FeatureCount];
    private byte[] _levels = [];

    public void Compute(ReadOnlySpan<short> imageCorr, ReadOnlySpan<bool> mask, int height, int width, Span<double> features)
    {
        if (!TryQuantize(imageCorr, mask, height, width, out int rows, out int cols, out int maxLevel))
        {
            features[..Count].Fill(double.NaN);
            return;
        }
        _cooccurrence.Count(_levels.AsSpan(0, rows * cols), rows, cols, maxLevel);
        int levels = maxLevel + 1;
        bool complete = true;
        for (int d = 0; d < RefCooccurrence.Directions && complete; d++)
        {
            complete = RefHaralickDirection.Evaluate(_cooccurrence.Cells(d), _cooccurrence.Stride, _cooccurrence.HitCells(d), _cooccurrence.Pairs(d),
                _rowSums.AsSpan(0, levels), _sumCounts.AsSpan(0, 2 * levels - 1), _diffCounts.AsSpan(0, levels),
                _perDirection.AsSpan(d * RefHaralickDirection.FeatureCount, RefHaralickDirection.FeatureCount));
        }
        _cooccurrence.Clear();
        if (!complete)
        {
            features[..Count].Fill(double.NaN);
            return;
        }
        const int n = RefHaralickDirection.FeatureCount;
        for (int f = 0; f < n; f++)
        {
            double f0 = _perDirection[f], f1 = _perDirection[n + f], f2 = _perDirection[2 * n + f], f3 = _perDirection[3 * n + f];
            features[2 * f] = (((f0 + f1) + f2) + f3) / 4.0;
            features[2 * f + 1] = Math.Max(Math.Max(f0, f1), Math.Max(f2, f3)) - Math.Min(Math.Min(f0, f1), Math.Min(f2, f3));
        }
    }

    private bool TryQuantize(ReadOnlySpan<short> image, ReadOnlySpan<bool> mask, int height, int width, out int rows, out int cols, out int maxLevel)
    {
        int top = -1, bottom = -1, left = width, right = -1;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<bool> row = mask.Slice(y * width, width);
            int first = row.IndexOf(true);
            if (first < 0)
                continue;
            if (top < 0)
                top = y;
            bottom = y;
            left = Math.Min(left, first);
            right = Math.Max(right, row.LastIndexOf(true));
        }
        rows = 0;
        cols = 0;
        maxLevel = 0;
        if (top < 0)
            return false;
        rows = bottom - top + 1;
        cols = right - left + 1;
        int min = int.MaxValue;
        for (int y = top; y <= bottom; y++)
        {
            for (int x = left; x <= right; x++)
            {
                int i = y * width + x;
                if (mask[i])
                    min = Math.Min(min, image[i]);
            }
        }
        if (_levels.Length < rows * cols)
            _levels = new byte[Math.Max(rows * cols, 2 * _levels.Length)];
        Span<byte> levels = _levels.AsSpan(0, rows * cols);
        int max = 0;
        for (int y = top; y <= bottom; y++)
        {
            Span<byte> row = levels.Slice((y - top) * cols, cols);
            for (int x = left; x <= right; x++)
            {
                int i = y * width + x;
                byte level = mask[i] ? unchecked((byte)(image[i] - min + 1)) : (byte)0;
                row[x - left] = level;
                max = Math.Max(max, level);
            }
        }
        maxLevel = max;
        return true;
    }
}
