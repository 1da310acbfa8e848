using System.Runtime.InteropServices;

namespace Dcnum.Labels;

/// <summary>
/// 8-connected component labelling of a boolean frame into uint16 labels.
/// dcnum counterpart: <c>scipy.ndimage.label(mask, structure=generate_binary_structure(2, 2))</c> in
/// <c>SlotRegister.task_label_masks</c> and <c>segmenter.assert_labels</c>.
/// </summary>
/// <remarks>
/// Works on horizontal runs (<see cref="RunTable"/>): rows become bit sets, runs in adjacent rows that
/// touch (diagonals included) are joined, and sets are numbered by their first run, which is
/// scipy's raster order of first pixels.
/// </remarks>
public static class ConnectedComponents
{
    [ThreadStatic]
    private static LabelScratch? t_scratch;

    /// <summary>Labels <paramref name="mask"/> (H×W) into <paramref name="labels"/>; returns the number of objects.</summary>
    public static int Label8(ReadOnlySpan<bool> mask, Span<ushort> labels, int height, int width, LabelScratch scratch)
    {
        scratch.CheckShape(height, width, mask.Length);
        scratch.CheckShape(height, width, labels.Length);
        ReadOnlySpan<byte> foreground = MemoryMarshal.AsBytes(mask);
        RunTable runs = scratch.Runs;
        Span<ulong> bits = scratch.RowBuffer;
        runs.Reset();
        for (int y = 0; y < height; y++)
        {
            RowBits.FromBytes(foreground.Slice(y * width, width), bits);
            RowBits.AppendRuns(bits, runs, 0);
            runs.EndRow(y);
        }
        labels.Clear();
        return LabelRuns(runs, labels, width);
    }

    /// <summary>As above with a per-thread scratch, reallocated only when the frame shape changes.</summary>
    public static int Label8(ReadOnlySpan<bool> mask, Span<ushort> labels, int height, int width)
    {
        LabelScratch? scratch = t_scratch;
        if (scratch is null || scratch.Height != height || scratch.Width != width)
            t_scratch = scratch = new LabelScratch(height, width);
        return Label8(mask, labels, height, width, scratch);
    }

    /// <summary>
    /// Labels the runs of a frame (8-connected, raster order) and writes each run's label into
    /// <paramref name="labels"/>, which must be 0 wherever no run lies; returns the number of objects.
    /// </summary>
    internal static int LabelRuns(RunTable runs, Span<ushort> labels, int width)
    {
        runs.UnionAdjacentRows(diagonal: true);
        int count = runs.NumberSets();
        for (int y = 0; y < runs.Height; y++)
        {
            Span<ushort> row = labels.Slice(y * width, width);
            for (int k = runs.RowStart[y]; k < runs.RowStart[y + 1]; k++)
            {
                int x0 = runs.X0[k];
                // dcnum: int32 labels stored into the uint16 label array (wraps beyond 65535)
                row.Slice(x0, runs.X1[k] - x0 + 1).Fill(unchecked((ushort)runs.Value[k]));
            }
        }
        return count;
    }

    // label processing still uses the pixel labeller (replaced in the next step)
        internal static int LabelRegion(ReadOnlySpan<byte> foreground, Span<ushort> labels, int width, Region region,
        LabelScratch scratch)
    {
        Span<int> prov = scratch.Provisional;
        Span<int> parent = scratch.Parent;
        int next = 0;
        for (int y = region.Y0; y <= region.Y1; y++)
        {
            int row = y * width;
            bool hasUp = y > region.Y0;
            int up = row - width;
            int regionWidth = region.X1 - region.X0 + 1;
            prov.Slice(row + region.X0, regionWidth).Clear();
            ReadOnlySpan<byte> rowFg = foreground.Slice(row + region.X0, regionWidth);
            int firstFg = rowFg.IndexOfAnyExcept((byte)0);
            if (firstFg < 0)
                continue;
            int lastFg = rowFg.LastIndexOfAnyExcept((byte)0);
            for (int x = region.X0 + firstFg; x <= region.X0 + lastFg; x++)
            {
                int i = row + x;
                if (foreground[i] == 0)
                    continue;
                // dcnum: ndi.label with a 3×3 ones structure; the already scanned neighbours are
                // W, NW, N and NE.
                int best = 0;
                if (x > region.X0)
                    best = Merge(parent, best, prov[i - 1]);
                if (hasUp)
                {
                    if (x > region.X0)
                        best = Merge(parent, best, prov[up + x - 1]);
                    best = Merge(parent, best, prov[up + x]);
                    if (x < region.X1)
                        best = Merge(parent, best, prov[up + x + 1]);
                }
                if (best == 0)
                {
                    best = ++next;
                    parent[best] = best;
                }
                prov[i] = best;
            }
        }
        // Union always links to the smaller root, so parent[l] <= l and a component's root is its first
        // pixel's label in raster order: numbering roots in increasing order numbers the objects by
        // their first pixel, as scipy.ndimage.label does. parent[] becomes the final label in place.
        int count = 0;
        for (int l = 1; l <= next; l++)
            parent[l] = parent[l] == l ? ++count : parent[parent[l]];
        for (int y = region.Y0; y <= region.Y1; y++)
        {
            int row = y * width;
            ReadOnlySpan<byte> rowFg = foreground.Slice(row + region.X0, region.X1 - region.X0 + 1);
            int firstFg = rowFg.IndexOfAnyExcept((byte)0);
            if (firstFg < 0)
                continue;
            int lastFg = rowFg.LastIndexOfAnyExcept((byte)0);
            for (int x = region.X0 + firstFg; x <= region.X0 + lastFg; x++)
            {
                int p = prov[row + x];
                // dcnum: int32 labels stored into the uint16 label array (wraps beyond 65535)
                labels[row + x] = p == 0 ? (ushort)0 : unchecked((ushort)parent[p]);
            }
        }
        return count;
    }

    private static int Merge(Span<int> parent, int best, int neighbour)
    {
        if (neighbour == 0)
            return best;
        int root = Find(parent, neighbour);
        if (best == 0 || best == root)
            return root;
        if (root < best)
        {
            parent[best] = root;
            return root;
        }
        parent[root] = best;
        return best;
    }

    private static int Find(Span<int> parent, int label)
    {
        int root = label;
        while (parent[root] != root)
            root = parent[root];
        // path compression
        while (parent[label] != root)
        {
            int nextLabel = parent[label];
            parent[label] = root;
            label = nextLabel;
        }
        return root;
    }
}
