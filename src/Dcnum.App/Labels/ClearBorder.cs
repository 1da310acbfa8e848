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
        Span<bool> onBorder = scratch.Flags;
        int last = (height - 1) * width;
        bool any = labels[..width].IndexOfAnyExcept((ushort)0) >= 0
                   || labels.Slice(last, width).IndexOfAnyExcept((ushort)0) >= 0;
        for (int y = 1; y < height - 1 && !any; y++)
            any = labels[y * width] != 0 || labels[y * width + width - 1] != 0;
        if (!any)
            return false;
        onBorder.Clear();
        for (int x = 0; x < width; x++)
        {
            onBorder[labels[x]] = true;
            onBorder[labels[last + x]] = true;
        }
        for (int y = 0; y < height; y++)
        {
            onBorder[labels[y * width]] = true;
            onBorder[labels[y * width + width - 1]] = true;
        }
        // dcnum: label 0 (background) is skipped
        onBorder[0] = false;
        for (int i = 0; i < labels.Length; i++)
        {
            if (onBorder[labels[i]])
                labels[i] = 0;
        }
        return true;
    }
}
