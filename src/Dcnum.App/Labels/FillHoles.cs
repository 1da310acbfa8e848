namespace Dcnum.Labels;

/// <summary>
/// Fills holes of a binary frame: whatever the background flood fill from the top-left corner does
/// not reach becomes foreground.
/// dcnum counterpart: the <c>fill_holes</c> step of <c>Segmenter.process_labels</c>: row 0 and pixels
/// (1,0), (1,1) are forced to background, then <c>cv2.floodFill(labels, None, (0, 0), 255)</c>
/// (4-connected, exact value match) and foreground = not 255.
/// </summary>
internal static class FillHoles
{
    private const byte Reached = 2;

    /// <summary>
    /// Fills holes of the 0/1 frame <paramref name="binary"/> inside <paramref name="region"/>. The region
    /// must hold all foreground and, unless it is the full frame, have background columns on its
    /// left and right edges; then every region pixel the fill from the region's top-left corner
    /// reaches is exactly one the full-frame fill from (0, 0) reaches.
    /// </summary>
    public static void Apply(Span<byte> binary, int height, int width, Region region, Span<int> stack)
    {
        // dcnum: labels[0, :] = 0 and labels[1, :2] = 0 before the flood fill
        if (region.Y0 == 0)
            binary.Slice(region.X0, region.X1 - region.X0 + 1).Clear();
        if (height > 1)
        {
            for (int x = 0; x < 2 && x < width; x++)
            {
                if (region.Contains(1, x))
                    binary[width + x] = 0;
            }
        }
        int top = 0;
        int seed = region.Y0 * width + region.X0;
        if (binary[seed] == 0)
        {
            binary[seed] = Reached;
            stack[top++] = seed;
        }
        while (top > 0)
        {
            int i = stack[--top];
            int y = i / width;
            int x = i - y * width;
            if (x > region.X0 && binary[i - 1] == 0)
            {
                binary[i - 1] = Reached;
                stack[top++] = i - 1;
            }
            if (x < region.X1 && binary[i + 1] == 0)
            {
                binary[i + 1] = Reached;
                stack[top++] = i + 1;
            }
            if (y > region.Y0 && binary[i - width] == 0)
            {
                binary[i - width] = Reached;
                stack[top++] = i - width;
            }
            if (y < region.Y1 && binary[i + width] == 0)
            {
                binary[i + width] = Reached;
                stack[top++] = i + width;
            }
        }
        // dcnum: labels = labels != 255
        for (int y = region.Y0; y <= region.Y1; y++)
        {
            Span<byte> row = binary.Slice(y * width + region.X0, region.X1 - region.X0 + 1);
            for (int x = 0; x < row.Length; x++)
                row[x] = row[x] == Reached ? (byte)0 : (byte)1;
        }
    }
}
