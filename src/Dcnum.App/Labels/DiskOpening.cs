namespace Dcnum.Labels;

/// <summary>
/// The "closing_disk" step, which is in fact an opening: erosion, then dilation, with a disk.
/// dcnum counterpart: <c>cv2.dilate(cv2.erode(mask_uint8, disk(r)), disk(r)) &gt; 0</c> in
/// <c>Segmenter.process_labels</c>; OpenCV's default border: pixels outside the frame count as
/// foreground for the erosion and as background for the dilation; anchor at the disk centre.
/// </summary>
/// <remarks>
/// On row bit sets (<see cref="RowBits"/>), 64 pixels per operation: each row of the disk is a
/// centred segment of half-width <c>hw(dy)</c>, so the erosion is the AND over dy of row y + dy
/// eroded horizontally by hw(dy), and the dilation the OR of the eroded rows dilated horizontally.
/// Rows without foreground are skipped: their erosion is empty.
/// </remarks>
internal static class DiskOpening
{
    /// <summary>Opens the frame bit set <paramref name="bits"/> in place.</summary>
    public static void Apply(Span<ulong> bits, int height, int width, OpeningScratch scratch)
    {
        int r = scratch.Radius;
        int words = RowBits.WordsPerRow(width);
        ulong lastMask = RowBits.LastWordMask(width);
        ReadOnlySpan<int> halfWidth = scratch.HalfWidth;
        Span<ulong> levels = scratch.Levels, eroded = scratch.Eroded, padded = scratch.Padded;
        // per row: the words that can be non-zero (lo > hi: none)
        Span<int> rowLo = scratch.RowLo, rowHi = scratch.RowHi, needLo = scratch.NeedLo, needHi = scratch.NeedHi;
        Span<int> erodedLo = scratch.ErodedLo, erodedHi = scratch.ErodedHi;
        int plane = height * words;

        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<ulong> row = bits.Slice(y * words, words);
            int lo = 0, hi = words - 1;
            while (lo < words && row[lo] == 0)
                lo++;
            while (hi >= lo && row[hi] == 0)
                hi--;
            rowLo[y] = lo;
            rowHi[y] = hi;
            needLo[y] = words;
            needHi[y] = -1;
        }
        // a row keeps pixels only in the words where it and every row within r of it (inside the
        // frame) has foreground (erosion ⊆ each row it reads); only those words of those rows need
        // their horizontal erosions
        bool anyErodable = false;
        for (int y = 0; y < height; y++)
        {
            int y0 = Math.Max(0, y - r), y1 = Math.Min(height - 1, y + r);
            int lo = 0, hi = words - 1;
            for (int yy = y0; yy <= y1 && lo <= hi; yy++)
            {
                lo = Math.Max(lo, rowLo[yy]);
                hi = Math.Min(hi, rowHi[yy]);
            }
            erodedLo[y] = lo;
            erodedHi[y] = hi;
            if (lo > hi)
                continue;
            anyErodable = true;
            for (int yy = y0; yy <= y1; yy++)
            {
                needLo[yy] = Math.Min(needLo[yy], lo);
                needHi[yy] = Math.Max(needHi[yy], hi);
            }
        }
        if (!anyErodable)
        {
            bits[..plane].Clear();
            return;
        }

        // level k of row y: the row eroded horizontally by k (AND of columns x - k … x + k; columns
        // outside the frame are foreground)
        for (int y = 0; y < height; y++)
        {
            if (needLo[y] <= needHi[y])
            {
                Levels(bits.Slice(y * words, words), levels, y * words, plane, r, padded, ulong.MaxValue, lastMask,
                    needLo[y], needHi[y], erode: true);
            }
        }
        for (int y = 0; y < height; y++)
        {
            int lo = erodedLo[y], hi = erodedHi[y];
            if (lo > hi)
                continue;
            Span<ulong> e = eroded.Slice(y * words, words);
            e.Clear();
            e[lo..(hi + 1)].Fill(ulong.MaxValue);
            for (int dy = -r; dy <= r; dy++)
            {
                int yy = y + dy;
                // rows outside the frame are foreground: no constraint
                if (yy < 0 || yy >= height)
                    continue;
                int k = halfWidth[Math.Abs(dy)];
                ReadOnlySpan<ulong> level = k == 0 ? bits.Slice(yy * words, words) : levels.Slice(k * plane + yy * words, words);
                for (int j = lo; j <= hi; j++)
                    e[j] &= level[j];
            }
            while (lo <= hi && e[lo] == 0)
                lo++;
            while (hi >= lo && e[hi] == 0)
                hi--;
            erodedLo[y] = lo;
            erodedHi[y] = hi;
        }

        // level k now holds the eroded row dilated horizontally by k (OR of columns x - k … x + k;
        // columns outside the frame are background), on the words a move by up to r reaches
        int spread = (r + 63) >> 6;
        for (int y = 0; y < height; y++)
        {
            if (erodedLo[y] > erodedHi[y])
                continue;
            int lo = Math.Max(0, erodedLo[y] - spread), hi = Math.Min(words - 1, erodedHi[y] + spread);
            erodedLo[y] = lo;
            erodedHi[y] = hi;
            Levels(eroded.Slice(y * words, words), levels, y * words, plane, r, padded, 0, lastMask, lo, hi, erode: false);
        }
        // the dilation scatters each eroded row into the rows within r of it
        bits[..plane].Clear();
        for (int yy = 0; yy < height; yy++)
        {
            int lo = erodedLo[yy], hi = erodedHi[yy];
            if (lo > hi)
                continue;
            for (int dy = -r; dy <= r; dy++)
            {
                int y = yy + dy;
                if (y < 0 || y >= height)
                    continue;
                int k = halfWidth[Math.Abs(dy)];
                ReadOnlySpan<ulong> level = k == 0 ? eroded.Slice(yy * words, words) : levels.Slice(k * plane + yy * words, words);
                Span<ulong> d = bits.Slice(y * words, words);
                for (int j = lo; j <= hi; j++)
                    d[j] |= level[j];
            }
        }
    }

    // Writes words lo … hi of levels 1 … r of one row (offset rowOffset in each plane): erode ANDs,
    // dilate ORs the row moved by ±k. The row is copied with one word of `outside` on each side
    // (and its padding bits set to `outside`), so a move by k < 64 is two shifts of neighbouring words.
    private static void Levels(ReadOnlySpan<ulong> row, Span<ulong> levels, int rowOffset, int plane, int r, Span<ulong> padded,
        ulong outside, ulong lastMask, int lo, int hi, bool erode)
    {
        int words = row.Length;
        padded[0] = outside;
        row.CopyTo(padded[1..]);
        padded[words] |= outside & ~lastMask;
        padded[words + 1] = outside;
        for (int k = 1; k <= r; k++)
        {
            ReadOnlySpan<ulong> previous = k == 1 ? row : levels.Slice((k - 1) * plane + rowOffset, words);
            Span<ulong> level = levels.Slice(k * plane + rowOffset, words);
            for (int j = lo; j <= hi; j++)
            {
                ulong right, left;
                if (k < 64)
                {
                    // bit x: column x + k and column x - k
                    right = (padded[j + 1] >> k) | (padded[j + 2] << (64 - k));
                    left = (padded[j + 1] << k) | (padded[j] >> (64 - k));
                }
                else
                {
                    right = RowBits.Shifted(row, j, k, outside, lastMask);
                    left = RowBits.Shifted(row, j, -k, outside, lastMask);
                }
                level[j] = erode ? previous[j] & right & left : previous[j] | right | left;
            }
            if (hi == words - 1)
                level[words - 1] &= lastMask;
        }
    }
}
