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
    /// (ascending) and their pixel counts into <paramref name="keptSizes"/>; returns how many.
    /// </summary>
    public static int KeptLabels(ReadOnlySpan<ushort> labels, int maxLabel, int sizeThreshMask, LabelScratch scratch,
        Span<ushort> kept, Span<int> keptSizes)
    {
        Span<int> counts = scratch.Counts.AsSpan(0, maxLabel + 1);
        counts.Clear();
        foreach (ushort l in labels)
        {
            if (l <= maxLabel)
                counts[l]++;
        }
        int n = 0;
        for (int l = 1; l <= maxLabel; l++)
        {
            int size = counts[l];
            // dcnum: "if mask_sum and gate_mask(...)" with gate_mask = mask_sum > size_thresh_mask
            if (size != 0 && size > sizeThreshMask)
            {
                kept[n] = (ushort)l;
                keptSizes[n] = size;
                n++;
            }
        }
        return n;
    }

    /// <summary>Writes the boolean mask of one label (<c>label == value</c>) into <paramref name="mask"/>.</summary>
    public static void ExtractMask(ReadOnlySpan<ushort> labels, ushort label, Span<bool> mask)
    {
        for (int i = 0; i < labels.Length; i++)
            mask[i] = labels[i] == label;
    }
}
