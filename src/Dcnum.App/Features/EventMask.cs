using Dcnum.Labels;

namespace Dcnum.Features;

/// <summary>
/// One event's mask cut to its bounding box and padded by one background pixel on every side, so
/// that the per-event kernels touch the cell's pixels instead of the whole frame and look at
/// neighbours without bounds checks (outside the frame counts as background, as OpenCV pads).
/// One instance per worker, refilled for every event; the buffer only grows.
/// </summary>
public sealed class EventMask
{
    private bool[] _padded = new bool[64 * 64];

    /// <summary>First frame row and column of the box.</summary>
    public int Top { get; private set; }

    public int Left { get; private set; }

    /// <summary>Box size in pixels (0 × 0 for an empty mask).</summary>
    public int Rows { get; private set; }

    public int Cols { get; private set; }

    /// <summary>Row length of <see cref="Padded"/>: <see cref="Cols"/> + 2.</summary>
    public int Stride => Cols + 2;

    /// <summary>(Rows + 2) × (Cols + 2), row-major; box pixel (y, x) is at (y + 1)·Stride + x + 1.</summary>
    public ReadOnlySpan<bool> Padded => _padded.AsSpan(0, (Rows + 2) * Stride);

    /// <summary>Row <paramref name="y"/> (0 ≤ y &lt; Rows) of the box, without the padding.</summary>
    public ReadOnlySpan<bool> Row(int y) => _padded.AsSpan((y + 1) * Stride + 1, Cols);

    /// <summary>The pixels of <paramref name="box"/> whose label is <c>box.Label</c>.</summary>
    public void FromLabels(ReadOnlySpan<ushort> labels, int width, LabelBox box)
    {
        Span<bool> padded = Reset(box.Top, box.Left, box.Rows, box.Cols);
        int stride = Stride;
        ushort label = box.Label;
        for (int y = 0; y < Rows; y++)
        {
            ReadOnlySpan<ushort> source = labels.Slice((Top + y) * width + Left, Cols);
            Span<bool> row = padded.Slice((y + 1) * stride + 1, Cols);
            for (int x = 0; x < row.Length; x++)
                row[x] = source[x] == label;
        }
    }

    /// <summary>The bounding box of a full-frame mask (H × W); false (and an empty box) when no pixel is set.</summary>
    public bool FromFrame(ReadOnlySpan<bool> mask, int height, int width)
    {
        if (mask.Length != height * width)
            throw new ArgumentException($"mask of {mask.Length} pixels is not {height}×{width}", nameof(mask));
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
        if (top < 0)
        {
            Reset(0, 0, 0, 0);
            return false;
        }
        Span<bool> padded = Reset(top, left, bottom - top + 1, right - left + 1);
        for (int y = 0; y < Rows; y++)
            mask.Slice((Top + y) * width + Left, Cols).CopyTo(padded.Slice((y + 1) * Stride + 1, Cols));
        return true;
    }

    private Span<bool> Reset(int top, int left, int rows, int cols)
    {
        Top = top;
        Left = left;
        Rows = rows;
        Cols = cols;
        int length = (rows + 2) * (cols + 2);
        if (_padded.Length < length)
            _padded = new bool[Math.Max(length, 2 * _padded.Length)];
        Span<bool> padded = _padded.AsSpan(0, length);
        // only the padding needs zeroing for FromLabels/FromFrame, but the box is small: clear it all
        padded.Clear();
        return padded;
    }
}
