namespace Dcnum.Labels;

/// <summary>
/// Fills holes of a binary frame: whatever the background flood fill from the top-left corner does
/// not reach becomes foreground.
/// dcnum counterpart: the <c>fill_holes</c> step of <c>Segmenter.process_labels</c>: row 0 and pixels
/// (1,0), (1,1) are forced to background, then <c>cv2.floodFill(labels, None, (0, 0), 255)</c>
/// (4-connected, exact value match) and foreground = not 255.
/// </summary>
internal static class FillHoles
{
    private const byte Reached = 2;

    /// <summary>
    /// Fills holes of the 0/1 frame <paramref name="binary"/> inside <paramref name="region"/>. The region
    /// must hold all foreground and, unless it is the full frame, have background columns on its
    /// left and right edges; then every region pixel the fill from the region's top-left corner
    /// reaches is exactly one the full-frame fill from (0, 0) reaches.
    /// </summary>
    public static void Apply(Span<byte> binary, int height, int width, Region region, Span<int> stack)
    {
        // dcnum: labels[0, :] = 0 and labels[1, :2] = 0 before the flood fill
        if (region.Y0 == 0)
            binary.Slice(region.X0, region.X1 - region.X0 + 1).Clear();
        if (height > 1)
        {
            for (int x = 0; x < 2 && x < width; x++)
            {
                if (region.Contains(1, x))
                    binary[width + x] = 0;
            }
        }
        int top = 0;
        int seed = region.Y0 * width + region.X0;
        if (binary[seed] == 0)
        {
            binary[seed] = Reached;
            stack[top++] = seed;
        }
        while (top > 0)
        {
            int i = stack[--top];
            int y = i / width;
            int x = i - y * width;
            if (x > region.X0 && binary[i - 1] == 0)
            {
                binary[i - 1] = Reached;
                stack[top++] = i - 1;
            }
            if (x < region.X1 && binary[i + 1] == 0)
            {
                binary[i + 1] = Reached;
                stack[top++] = i + 1;
            }
            if (y > region.Y0 && binary[i - width] == 0)
            {
                binary[i - width] = Reached;
                stack[top++] = i - width;
            }
            if (y < region.Y1 && binary[i + width] == 0)
            {
                binary[i + width] = Reached;
                stack[top++] = i + width;
            }
        }
        // dcnum: labels = labels != 255
        for (int y = region.Y0; y <= region.Y1; y++)
        {
            Span<byte> row = binary.Slice(y * width + region.X0, region.X1 - region.X0 + 1);
            for (int x = 0; x < row.Length; x++)
                row[x] = row[x] == Reached ? (byte)0 : (byte)1;
        }
    }

    /// <summary>
    /// True if the per-object fill gives the full-frame result: no foreground in row 0, column 0 or the
    /// last column, and none at (1, 1) (the pixels dcnum forces to background or whose objects can cut
    /// the background apart together with the image edges).
    /// </summary>
    public static bool PerObjectIsExact(ReadOnlySpan<ushort> labels, int height, int width, Region box)
    {
        if (box.Y0 == 0 || box.X0 == 0 || box.X1 == width - 1)
            return false;
        return labels[width + 1] == 0;
    }

    /// <summary>
    /// Adds the holes of every object to <paramref name="binary"/> (which already holds the foreground of
    /// <paramref name="labels"/>), object by object inside its bounding box padded by one pixel.
    /// Exact when <see cref="PerObjectIsExact"/> holds and each label is one 8-connected object with
    /// no other label adjacent (as <see cref="ConnectedComponents"/> makes them): a 4-connected background
    /// region cut off from the corner is enclosed by a single 8-connected object, and is inside
    /// that object's bounding box.
    /// </summary>
    public static void ApplyPerObject(Span<byte> binary, ReadOnlySpan<ushort> labels, int height, int width, Region box,
        LabelScratch scratch)
    {
        Span<int> y0 = scratch.BoxY0, y1 = scratch.BoxY1, x0 = scratch.BoxX0, x1 = scratch.BoxX1;
        int maxLabel = 0;
        for (int y = box.Y0; y <= box.Y1; y++)
        {
            ReadOnlySpan<ushort> row = labels.Slice(y * width, width);
            int first = row.IndexOfAnyExcept((ushort)0);
            if (first < 0)
                continue;
            int last = row.LastIndexOfAnyExcept((ushort)0);
            for (int x = first; x <= last; x++)
            {
                int l = row[x];
                if (l == 0)
                    continue;
                if (l > maxLabel)
                {
                    for (int k = maxLabel + 1; k <= l; k++)
                        y0[k] = -1;
                    maxLabel = l;
                }
                if (y0[l] < 0)
                {
                    y0[l] = y;
                    x0[l] = x;
                    x1[l] = x;
                }
                y1[l] = y;
                if (x < x0[l])
                    x0[l] = x;
                if (x > x1[l])
                    x1[l] = x;
            }
        }
        Span<int> visit = scratch.Visit;
        Span<int> stack = scratch.Stack;
        for (int l = 1; l <= maxLabel; l++)
        {
            if (y0[l] < 0)
                continue;
            // a hole needs an object at least 3 pixels wide and high, or 2 high on the bottom row
            // (the image edge closes it there)
            int rows = y1[l] - y0[l] + 1;
            if (x1[l] - x0[l] < 2 || rows < 2 || (rows < 3 && y1[l] < height - 1))
                continue;
            var sub = new Region(y0[l] - 1, Math.Min(height - 1, y1[l] + 1), x0[l] - 1, x1[l] + 1);
            int stamp = scratch.NextVisitStamp();
            int top = 0;
            int seed = sub.Y0 * width + sub.X0;
            visit[seed] = stamp;
            stack[top++] = seed;
            while (top > 0)
            {
                int i = stack[--top];
                int y = i / width;
                int x = i - y * width;
                if (x > sub.X0)
                    Visit(labels, visit, stack, ref top, i - 1, l, stamp);
                if (x < sub.X1)
                    Visit(labels, visit, stack, ref top, i + 1, l, stamp);
                if (y > sub.Y0)
                    Visit(labels, visit, stack, ref top, i - width, l, stamp);
                if (y < sub.Y1)
                    Visit(labels, visit, stack, ref top, i + width, l, stamp);
            }
            for (int y = y0[l]; y <= y1[l]; y++)
            {
                int row = y * width;
                for (int x = x0[l]; x <= x1[l]; x++)
                {
                    int i = row + x;
                    if (visit[i] != stamp && labels[i] != l)
                        binary[i] = 1;
                }
            }
        }
    }

    private static void Visit(ReadOnlySpan<ushort> labels, Span<int> visit, Span<int> stack, ref int top, int i, int label,
        int stamp)
    {
        if (visit[i] != stamp && labels[i] != label)
        {
            visit[i] = stamp;
            stack[top++] = i;
        }
    }
}
