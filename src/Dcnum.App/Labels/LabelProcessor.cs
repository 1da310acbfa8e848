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
/// labels keep their numbers (clear border only zeroes some).
/// The input must be labels as <see cref="ConnectedComponents"/> makes them (each label one
/// 8-connected object): holes are then filled object by object inside each object's bounding box,
/// which equals dcnum's full-frame flood fill (see <c>FillHoles.ApplyPerObject</c>).
/// </remarks>
public static class LabelProcessor
{
    /// <summary>Processes <paramref name="labels"/> (H×W) in place; returns the largest label value afterwards.</summary>
    public static int Process(Span<ushort> labels, int height, int width, MaskSettings settings, LabelScratch scratch)
    {
        scratch.CheckShape(height, width, labels.Length);
        if (settings.ClearBorder)
            ClearBorder.Apply(labels, height, width, scratch);

        if (!settings.FillHoles && settings.ClosingDisk == 0)
            return MaxLabel(labels);

        if (!TryBoundingBox(labels, width, out Region box))
        {
            // no object left: every binary step keeps the frame empty
            return 0;
        }
        int radius = settings.ClosingDisk;
        if (radius < 0)
            throw new ArgumentOutOfRangeException(nameof(settings), radius, "closing_disk must be >= 0");
        Region region = Pad(box, Math.Max(1, radius), height, width);
        bool perObject = settings.FillHoles && FillHoles.PerObjectIsExact(labels, height, width, box);
        if (settings.FillHoles && !perObject && (box.X0 == 0 || box.X1 == width - 1))
        {
            // an object on the left or right edge can cut the background apart: fill the whole frame
            region = Region.Full(height, width);
        }

        Span<byte> binary = scratch.Binary;
        for (int y = region.Y0; y <= region.Y1; y++)
        {
            int row = y * width;
            Span<byte> binaryRow = binary.Slice(row + region.X0, region.X1 - region.X0 + 1);
            binaryRow.Clear();
            ReadOnlySpan<ushort> labelRow = labels.Slice(row, width);
            int first = labelRow.IndexOfAnyExcept((ushort)0);
            if (first < 0)
                continue;
            int last = labelRow.LastIndexOfAnyExcept((ushort)0);
            for (int x = first; x <= last; x++)
                binary[row + x] = labelRow[x] != 0 ? (byte)1 : (byte)0;
        }
        if (settings.FillHoles)
        {
            if (perObject)
                FillHoles.ApplyPerObject(binary, labels, height, width, box, scratch);
            else
                FillHoles.Apply(binary, height, width, region, scratch.Stack);
        }
        if (radius > 0)
        {
            (int[] dy, int[] dx) = scratch.Disk(radius);
            DiskOpening.Apply(binary, scratch.Eroded, height, width, region, dy, dx);
        }
        // dcnum: assert_labels -> ndi.label of the boolean result
        labels.Clear();
        return ConnectedComponents.LabelRegion(binary, labels, width, region, scratch);
    }

    private static int MaxLabel(ReadOnlySpan<ushort> labels)
    {
        ushort max = 0;
        foreach (ushort l in labels)
        {
            if (l > max)
                max = l;
        }
        return max;
    }

    private static bool TryBoundingBox(ReadOnlySpan<ushort> labels, int width, out Region box)
    {
        int height = labels.Length / width;
        int y0 = -1, y1 = -1, x0 = width, x1 = -1;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<ushort> row = labels.Slice(y * width, width);
            int first = row.IndexOfAnyExcept((ushort)0);
            if (first < 0)
                continue;
            int last = row.LastIndexOfAnyExcept((ushort)0);
            if (y0 < 0)
                y0 = y;
            y1 = y;
            x0 = Math.Min(x0, first);
            x1 = Math.Max(x1, last);
        }
        box = new Region(y0, y1, x0, x1);
        return y0 >= 0;
    }

    private static Region Pad(Region box, int pad, int height, int width)
        => new(Math.Max(0, box.Y0 - pad), Math.Min(height - 1, box.Y1 + pad),
            Math.Max(0, box.X0 - pad), Math.Min(width - 1, box.X1 + pad));
}
