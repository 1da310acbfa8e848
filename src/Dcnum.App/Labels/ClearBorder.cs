namespace Dcnum.Labels;

/// <summary>
/// Removes every object that touches the outer frame of the image.
/// dcnum counterpart: the <c>clear_border</c> step of <c>Segmenter.process_labels</c> (all labels
/// found on the border are set to 0).
/// </summary>
public static class ClearBorder
{
    /// <summary>Zeroes every label present on the border; returns false if the border had no label.</summary>
    public static bool Apply(Span<ushort> labels, int height, int width, LabelScratch scratch)
    {
        scratch.CheckShape(height, width, labels.Length);
        int maxLabel = LabelProcessor.ReadRuns(labels, width, scratch.Runs, scratch.RowBuffer);
        return Apply(scratch.Runs, labels, width, scratch.Flags, maxLabel);
    }

    /// <summary>
    /// The same on the labelled runs of <paramref name="labels"/> (<see cref="LabelProcessor.ReadRuns"/>):
    /// zeroes the pixels of the border labels and removes their runs from <paramref name="runs"/>.
    /// </summary>
    internal static bool Apply(RunTable runs, Span<ushort> labels, int width, Span<bool> onBorder, int maxLabel)
    {
        if (runs.Count == 0)
            return false;
        int height = runs.Height;
        int[] rowStart = runs.RowStart, x0 = runs.X0, x1 = runs.X1, value = runs.Value;
        // only the labels present can be flagged: clearing them is enough
        onBorder[..(maxLabel + 1)].Clear();
        bool any = false;
        for (int y = 0; y < height; y++)
        {
            int first = rowStart[y], end = rowStart[y + 1];
            if (first == end)
                continue;
            if (y == 0 || y == height - 1)
            {
                for (int k = first; k < end; k++)
                    onBorder[value[k]] = true;
                any = true;
                continue;
            }
            // within a row only the first run can start in column 0 and only the last end in the last
            if (x0[first] == 0)
                any = onBorder[value[first]] = true;
            if (x1[end - 1] == width - 1)
                any = onBorder[value[end - 1]] = true;
        }
        if (!any)
            return false;
        for (int y = 0; y < height; y++)
        {
            for (int k = rowStart[y]; k < rowStart[y + 1]; k++)
            {
                if (onBorder[value[k]])
                    labels.Slice(y * width + x0[k], x1[k] - x0[k] + 1).Clear();
            }
        }
        runs.RemoveFlagged(onBorder);
        return true;
    }
}
