namespace Dcnum.Labels;

/// <summary>
/// The "closing_disk" step, which is in fact an opening: erosion, then dilation, with a disk.
/// dcnum counterpart: <c>cv2.dilate(cv2.erode(mask_uint8, disk(r)), disk(r)) &gt; 0</c> in
/// <c>Segmenter.process_labels</c>; OpenCV's default border: pixels outside the frame count as
/// foreground for the erosion and as background for the dilation; anchor at the disk centre.
/// </summary>
internal static class DiskOpening
{
    /// <summary>
    /// Opens the 0/1 frame <paramref name="binary"/> in place inside <paramref name="region"/>, which must
    /// contain all foreground and extend at least <c>radius</c> beyond it (clipped to the frame).
    /// </summary>
    public static void Apply(Span<byte> binary, Span<byte> eroded, int height, int width, Region region,
        ReadOnlySpan<int> dy, ReadOnlySpan<int> dx)
    {
        int regionWidth = region.X1 - region.X0 + 1;
        for (int y = region.Y0; y <= region.Y1; y++)
        {
            int row = y * width;
            eroded.Slice(row + region.X0, regionWidth).Clear();
            ReadOnlySpan<byte> binaryRow = binary.Slice(row + region.X0, regionWidth);
            int first = binaryRow.IndexOfAnyExcept((byte)0);
            if (first < 0)
                continue;
            int last = binaryRow.LastIndexOfAnyExcept((byte)0);
            for (int x = region.X0 + first; x <= region.X0 + last; x++)
            {
                if (binary[row + x] == 0)
                    continue;
                byte keep = 1;
                for (int k = 0; k < dy.Length; k++)
                {
                    int yy = y + dy[k];
                    int xx = x + dx[k];
                    if (yy < 0 || yy >= height || xx < 0 || xx >= width)
                        continue;
                    // inside the frame but outside the region is background
                    if (!region.Contains(yy, xx) || binary[yy * width + xx] == 0)
                    {
                        keep = 0;
                        break;
                    }
                }
                eroded[row + x] = keep;
            }
        }
        for (int y = region.Y0; y <= region.Y1; y++)
            binary.Slice(y * width + region.X0, regionWidth).Clear();
        for (int y = region.Y0; y <= region.Y1; y++)
        {
            int row = y * width;
            ReadOnlySpan<byte> erodedRow = eroded.Slice(row + region.X0, regionWidth);
            int first = erodedRow.IndexOfAnyExcept((byte)0);
            if (first < 0)
                continue;
            int last = erodedRow.LastIndexOfAnyExcept((byte)0);
            for (int x = region.X0 + first; x <= region.X0 + last; x++)
            {
                if (eroded[row + x] == 0)
                    continue;
                for (int k = 0; k < dy.Length; k++)
                {
                    int yy = y + dy[k];
                    int xx = x + dx[k];
                    if (yy >= 0 && yy < height && xx >= 0 && xx < width)
                        binary[yy * width + xx] = 1;
                }
            }
        }
    }
}
