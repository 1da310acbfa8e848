namespace Dcnum.Segmentation;

/// <summary>
/// A frame identical to the frame before it gives no events (it is still segmented).
/// dcnum counterpart: the duplicate check at the top of <c>QueueEventExtractor.process_label</c>
/// (raw <c>image</c> compared, across chunk boundaries; frame 0 is never a duplicate).
/// </summary>
public static class DuplicateFrames
{
    /// <summary>True if frame <paramref name="index"/> equals <paramref name="previous"/> (frame index − 1) pixel for pixel.</summary>
    public static bool IsDuplicate(long index, ReadOnlySpan<byte> image, ReadOnlySpan<byte> previous)
        => index > 0 && image.SequenceEqual(previous);
}
