namespace Dcnum.Labels;

/// <summary>
/// Fills holes of a binary frame: whatever the background flood fill from the top-left corner does
/// not reach becomes foreground.
/// dcnum counterpart: the <c>fill_holes</c> step of <c>Segmenter.process_labels</c>: row 0 and pixels
/// (1,0), (1,1) are forced to background, then <c>cv2.floodFill(labels, None, (0, 0), 255)</c>
/// (4-connected, exact value match) and foreground = not 255.
/// </summary>
/// <remarks>
/// The flood fill is done on background segments (the gaps between foreground runs of each row):
/// two segments of adjacent rows are 4-connected iff their columns overlap, so what the fill
/// reaches is the union-find set of row 0's segment; every other segment is a hole. When nothing
/// lies on row 0, the first or last column or (1, 1) (always so after clear border), the
/// forcing changes nothing and every segment touching the left or right edge is reached through
/// the background edge columns, so only the gaps between two runs of a row need the union-find.
/// </remarks>
internal static class FillHoles
{
    /// <summary>
    /// Fills the holes of the foreground <paramref name="runs"/> (raster order, possibly touching)
    /// into <paramref name="bits"/> (the same foreground as rows of <see cref="RowBits"/>), in place.
    /// </summary>
    public static void Apply(RunTable runs, Span<ulong> bits, int height, int width, RunTable segments)
    {
        if (EdgesAreBackground(runs, width))
            FillInteriorGaps(runs, bits, width, segments);
        else
            FillAllSegments(runs, bits, height, width, segments);
    }

    // No run on row 0, in column 0 or w - 1, or over (1, 1).
    private static bool EdgesAreBackground(RunTable runs, int width)
    {
        if (runs.RowStart[1] > 0)
            return false;
        for (int y = 1; y < runs.Height; y++)
        {
            int first = runs.RowStart[y], end = runs.RowStart[y + 1];
            if (first == end)
                continue;
            if (runs.X0[first] == 0 || runs.X1[end - 1] == width - 1 || (y == 1 && runs.X0[first] == 1))
                return false;
        }
        return true;
    }

    private static void FillInteriorGaps(RunTable runs, Span<ulong> bits, int width, RunTable gaps)
    {
        int height = runs.Height;
        int[] rowStart = runs.RowStart, x0 = runs.X0, x1 = runs.X1;
        gaps.Reset();
        for (int y = 0; y < height; y++)
        {
            for (int k = rowStart[y] + 1; k < rowStart[y + 1]; k++)
            {
                if (x0[k] > x1[k - 1] + 1)
                    gaps.Add(x1[k - 1] + 1, x0[k] - 1, 0);
            }
            gaps.EndRow(y);
        }
        if (gaps.Count == 0)
            return;
        // a gap is reached if it meets an edge segment of the row above or below (a row without
        // runs is one edge segment; the frame's bottom edge closes the last row)
        int[] reached = gaps.Value;
        for (int y = 1; y < height; y++)
        {
            for (int g = gaps.RowStart[y]; g < gaps.RowStart[y + 1]; g++)
            {
                if (MeetsEdgeSegment(runs, y - 1, gaps.X0[g], gaps.X1[g])
                    || (y + 1 < height && MeetsEdgeSegment(runs, y + 1, gaps.X0[g], gaps.X1[g])))
                    reached[g] = 1;
            }
        }
        // ...or a reached gap of an adjacent row
        gaps.UnionAdjacentRows(diagonal: false);
        for (int g = 0; g < gaps.Count; g++)
        {
            if (reached[g] != 0)
                reached[gaps.Find(g)] = 1;
        }
        int words = RowBits.WordsPerRow(width);
        for (int y = 1; y < height; y++)
        {
            for (int g = gaps.RowStart[y]; g < gaps.RowStart[y + 1]; g++)
            {
                if (reached[gaps.Find(g)] == 0)
                    RowBits.SetRange(bits.Slice(y * words, words), gaps.X0[g], gaps.X1[g]);
            }
        }
    }

    private static bool MeetsEdgeSegment(RunTable runs, int y, int a, int b)
    {
        int first = runs.RowStart[y], end = runs.RowStart[y + 1];
        return first == end || a < runs.X0[first] || b > runs.X1[end - 1];
    }

    private static void FillAllSegments(RunTable runs, Span<ulong> bits, int height, int width, RunTable segments)
    {
        int words = RowBits.WordsPerRow(width);
        // dcnum: labels[0, :] = 0 and labels[1, :2] = 0 before the flood fill (frames are >= 2x2)
        bits[..words].Clear();
        bits[words] &= ~3UL;
        segments.Reset();
        segments.Add(0, width - 1, 0);
        segments.EndRow(0);
        for (int y = 1; y < height; y++)
        {
            // the background of row y is what its runs leave (in row 1 without columns 0 and 1)
            int next = 0;
            int lo = y == 1 ? 2 : 0;
            for (int k = runs.RowStart[y]; k < runs.RowStart[y + 1]; k++)
            {
                int x0 = Math.Max(lo, runs.X0[k]), x1 = runs.X1[k];
                if (x1 < x0)
                    continue;
                if (x0 > next)
                    segments.Add(next, x0 - 1, 0);
                next = x1 + 1;
            }
            if (next < width)
                segments.Add(next, width - 1, 0);
            segments.EndRow(y);
        }
        segments.UnionAdjacentRows(diagonal: false);
        // segment 0 is all of row 0, where the fill starts; its set's root is 0 (the smallest index)
        for (int y = 1; y < height; y++)
        {
            Span<ulong> row = bits.Slice(y * words, words);
            for (int k = segments.RowStart[y]; k < segments.RowStart[y + 1]; k++)
            {
                if (segments.Find(k) != 0)
                    RowBits.SetRange(row, segments.X0[k], segments.X1[k]);
            }
        }
    }
}
