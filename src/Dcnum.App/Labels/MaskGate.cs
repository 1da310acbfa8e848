namespace Dcnum.Labels;

/// <summary>
/// Turns a processed label frame into the event masks that pass the size gate, in label order.
/// dcnum counterpart: <c>QueueEventExtractor.get_masks_from_label</c> with <c>Gate.gate_mask</c>
/// (a mask is kept iff its pixel count is non-zero and &gt; <c>size_thresh_mask</c>, default 10).
/// </summary>
public static class MaskGate
{
    /// <summary>dcnum: <c>Gate._default_size_thresh_mask</c>.</summary>
    public const int DefaultSizeThreshMask = 10;

    /// <summary>
    /// Writes the labels 1..<paramref name="maxLabel"/> whose masks pass into <paramref name="kept"/>
    /// (ascending) with their pixel counts and bounding boxes, so that the per-event
    /// kernels run on the box instead of the frame. Labels come in horizontal runs of one value
    /// amid zeros, so the frame is scanned run by run (vectorised skips over zeros and over each
    /// run) and the counts and boxes are updated once per run, not per pixel. The result is the
    /// same for any labels (runs of a label broken at row ends count the same pixels).
    /// </summary>
    public static int KeptLabels(ReadOnlySpan<ushort> labels, int width, int maxLabel, int sizeThreshMask, MaskGateScratch scratch,
        Span<LabelBox> kept)
    {
        if (width <= 0 || labels.Length % width != 0)
            throw new ArgumentException($"{labels.Length} labels are not rows of {width}", nameof(width));
        scratch.Ensure(maxLabel + 1);
        Span<int> counts = scratch.Counts.AsSpan(0, maxLabel + 1);
        Span<int> top = scratch.Top, bottom = scratch.Bottom, left = scratch.Left, right = scratch.Right;
        counts.Clear();
        // zeros are skipped across row ends in one vectorised search (most rows hold no label);
        // a run stops at its row's end
        int at = 0;
        while (true)
        {
            int skip = labels[at..].IndexOfAnyExcept((ushort)0);
            if (skip < 0)
                break;
            at += skip;
            int y = at / width, x = at - y * width;
            ushort l = labels[at];
            int length = labels.Slice(at, width - x).IndexOfAnyExcept(l);
            int end = length < 0 ? width : x + length;
            if (l <= maxLabel)
            {
                if (counts[l] == 0)
                {
                    top[l] = y;
                    left[l] = x;
                    right[l] = end - 1;
                }
                else
                {
                    left[l] = Math.Min(left[l], x);
                    right[l] = Math.Max(right[l], end - 1);
                }
                bottom[l] = y;
                counts[l] += end - x;
            }
            at += end - x;
            if (at == labels.Length)
                break;
        }
        int n = 0;
        for (int l = 1; l <= maxLabel; l++)
        {
            int size = counts[l];
            // dcnum: "if mask_sum and gate_mask(...)" with gate_mask = mask_sum > size_thresh_mask
            if (size != 0 && size > sizeThreshMask)
                kept[n++] = new LabelBox((ushort)l, size, top[l], bottom[l], left[l], right[l]);
        }
        return n;
    }
}
