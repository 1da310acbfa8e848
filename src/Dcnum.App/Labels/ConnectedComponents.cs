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
    private static LabelScratch? s_scratch;

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
            if (RowBits.FromBytes(foreground.Slice(y * width, width), bits))
                RowBits.AppendRuns(bits, runs, 0);
            runs.EndRow(y);
        }
        labels.Clear();
        return LabelRuns(runs, labels, width);
    }

    /// <summary>As above with a per-thread scratch, reallocated only when the frame shape changes.</summary>
    public static int Label8(ReadOnlySpan<bool> mask, Span<ushort> labels, int height, int width)
    {
        LabelScratch? scratch = s_scratch;
        if (scratch is null || scratch.Height != height || scratch.Width != width)
            s_scratch = scratch = new LabelScratch(height, width);
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
        int[] rowStart = runs.RowStart, x0 = runs.X0, x1 = runs.X1, value = runs.Value;
        for (int y = 0; y < runs.Height; y++)
        {
            Span<ushort> row = labels.Slice(y * width, width);
            for (int k = rowStart[y]; k < rowStart[y + 1]; k++)
            {
                // dcnum: int32 labels stored into the uint16 label array (wraps beyond 65535)
                ushort label = unchecked((ushort)value[k]);
                Span<ushort> run = row[x0[k]..(x1[k] + 1)];
                // most runs are a few pixels: a loop beats the call into Fill
                if (run.Length <= 8)
                {
                    foreach (ref ushort pixel in run)
                        pixel = label;
                }
                else
                {
                    run.Fill(label);
                }
            }
        }
        return count;
    }
}
