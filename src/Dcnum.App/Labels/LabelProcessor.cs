using Dcnum.Segmentation;

namespace Dcnum.Labels;

/// <summary>
/// Post-processing of a label frame: clear border, fill holes, "closing" disk (an opening), and
/// relabelling when the frame went through a binary step.
/// dcnum counterpart: <c>segm.segmenter.Segmenter.process_labels</c> (called by
/// <c>SlotRegister.task_process_labels</c> with the segmenter's <c>kwargs_mask</c>).
/// </summary>
/// <remarks>
/// As in dcnum, fill holes and the disk step work on the binary foreground of all labels together
/// and the result is labelled again (8-connected, raster order); with neither of them enabled the
/// labels keep their numbers (clear border only zeroes some). Any label frame is accepted.
/// The frame is read once into labelled runs; clear border zeroes runs, the binary steps work on
/// row bit sets, and the labels are rewritten run by run: a frame that is mostly background costs
/// about its number of runs, not its number of pixels.
/// </remarks>
public static class LabelProcessor
{
    /// <summary>Processes <paramref name="labels"/> (H×W) in place; returns the largest label value afterwards.</summary>
    public static int Process(Span<ushort> labels, int height, int width, MaskSettings settings, LabelScratch scratch)
    {
        scratch.CheckShape(height, width, labels.Length);
        int radius = settings.ClosingDisk;
        if (radius < 0)
            throw new ArgumentOutOfRangeException(nameof(settings), radius, "closing_disk must be >= 0");
        RunTable runs = scratch.Runs;
        int maxLabel = ReadRuns(labels, width, runs, scratch.RowBuffer);
        if (settings.ClearBorder && ClearBorder.Apply(runs, labels, width, scratch.Flags, maxLabel))
            maxLabel = MaxValue(runs);

        if (!settings.FillHoles && radius == 0)
            return maxLabel;
        if (runs.Count == 0)
        {
            // no object left (the frame is all 0): every binary step keeps it empty
            return 0;
        }

        int words = RowBits.WordsPerRow(width);
        Span<ulong> bits = scratch.FrameBits;
        bits.Clear();
        for (int y = 0; y < height; y++)
        {
            Span<ulong> row = bits.Slice(y * words, words);
            for (int k = runs.RowStart[y]; k < runs.RowStart[y + 1]; k++)
            {
                RowBits.SetRange(row, runs.X0[k], runs.X1[k]);
                // the frame is rewritten from the binary result: this leaves it all 0
                labels.Slice(y * width + runs.X0[k], runs.X1[k] - runs.X0[k] + 1).Clear();
            }
        }
        if (settings.FillHoles)
            FillHoles.Apply(runs, bits, height, width, scratch.Segments);
        if (radius > 0)
            DiskOpening.Apply(bits, height, width, scratch.Opening(radius));

        // dcnum: assert_labels -> ndi.label of the boolean result
        runs.Reset();
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<ulong> row = bits.Slice(y * words, words);
            if (!RowBits.IsEmpty(row))
                RowBits.AppendRuns(row, runs, 0);
            runs.EndRow(y);
        }
        return ConnectedComponents.LabelRuns(runs, labels, width);
    }

    /// <summary>
    /// Reads the non-zero pixels of <paramref name="labels"/> into <paramref name="runs"/>, one run per
    /// stretch of equal labels; returns the largest label (0 if none).
    /// </summary>
    internal static int ReadRuns(ReadOnlySpan<ushort> labels, int width, RunTable runs, Span<ulong> rowBits)
    {
        runs.Reset();
        for (int y = 0; y < runs.Height; y++)
        {
            ReadOnlySpan<ushort> row = labels.Slice(y * width, width);
            if (RowBits.FromNonZero(row, rowBits))
                RowBits.AppendLabelledRuns(rowBits, row, runs);
            runs.EndRow(y);
        }
        return MaxValue(runs);
    }

    private static int MaxValue(RunTable runs)
    {
        int max = 0;
        for (int k = 0; k < runs.Count; k++)
            max = Math.Max(max, runs.Value[k]);
        return max;
    }
}
