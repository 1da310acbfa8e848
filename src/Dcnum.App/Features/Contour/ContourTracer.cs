namespace Dcnum.Features.Contour;

/// <summary>
/// The outer border of a blob, traced as OpenCV's <c>findContours(RETR_EXTERNAL, CHAIN_APPROX_NONE)</c>
/// traces it (Suzuki–Abe border following): start at the first foreground pixel in raster order,
/// find the first neighbour clockwise from the left, then follow the border searching
/// counter-clockwise; every visited border pixel is a point (pixels on one-pixel bridges twice).
/// The result is counter-clockwise on screen, which dcnum's volume relies on. Pixels outside the
/// image count as background (OpenCV pads by one pixel).
/// </summary>
/// <remarks>
/// Runs on the event's padded bounding box (<see cref="EventMask"/>): its first pixel in raster
/// order is the frame's, and every neighbour of a box pixel lies inside the padding, so the walk
/// needs no bounds checks and never reads beyond the cell.
/// </remarks>
public static class ContourTracer
{
    // OpenCV's chain codes: 0 = right, 1 = up-right, 2 = up, … counter-clockwise on screen (y down).
    private static ReadOnlySpan<int> Dx => [1, 1, 0, -1, -1, -1, 0, 1];
    private static ReadOnlySpan<int> Dy => [0, -1, -1, -1, 0, 1, 1, 1];

    /// <summary>
    /// Traces the outer border of the first blob of <paramref name="mask"/> into
    /// <paramref name="points"/> as (x, y) pairs in frame coordinates; returns the number of points
    /// (0 for an empty mask). The buffer grows when needed.
    /// </summary>
    public static int Trace(EventMask mask, ref int[] points)
    {
        ReadOnlySpan<bool> m = mask.Padded;
        int start = m.IndexOf(true);
        if (start < 0)
            return 0;
        int stride = mask.Stride;
        // position in the padded box ↔ frame coordinates: x = p % stride − 1 + Left
        int originX = mask.Left - 1, originY = mask.Top - 1;
        Span<int> step = stackalloc int[8];
        for (int c = 0; c < 8; c++)
            step[c] = Dx[c] + Dy[c] * stride;
        int count = 0;

        // Clockwise from the left neighbour (codes 3, 2, 1, 0, 7, 6, 5) for the first neighbour.
        int s = 4;
        int p1 = -1;
        for (int k = 0; k < 7; k++)
        {
            s = (s - 1) & 7;
            if (m[start + step[s]])
            {
                p1 = start + step[s];
                break;
            }
        }
        int x = start % stride + originX, y = start / stride + originY;
        if (p1 < 0)
        {
            Append(ref points, ref count, x, y); // a single pixel
            return count;
        }

        int p3 = start;
        while (true)
        {
            // Counter-clockwise from the code after s for the next border pixel (one exists: p1).
            int p4;
            do
            {
                s = (s + 1) & 7;
                p4 = p3 + step[s];
            }
            while (!m[p4]);
            Append(ref points, ref count, x, y);
            if (p4 == start && p3 == p1)
                break;
            p3 = p4;
            x += Dx[s];
            y += Dy[s];
            s = (s + 4) & 7;
        }
        return count;
    }

    private static void Append(ref int[] points, ref int count, int x, int y)
    {
        if (2 * count + 2 > points.Length)
            Array.Resize(ref points, Math.Max(64, points.Length * 2));
        points[2 * count] = x;
        points[2 * count + 1] = y;
        count++;
    }
}
