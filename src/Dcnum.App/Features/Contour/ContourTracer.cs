namespace Dcnum.Features.Contour;

/// <summary>
/// The outer border of a blob, traced as OpenCV's <c>findContours(RETR_EXTERNAL, CHAIN_APPROX_NONE)</c>
/// traces it (Suzuki–Abe border following): start at the first foreground pixel in raster order,
/// find the first neighbour clockwise from the left, then follow the border searching
/// counter-clockwise; every visited border pixel is a point (pixels on one-pixel bridges twice).
/// The result is counter-clockwise on screen, which dcnum's volume relies on. Pixels outside the
/// image count as background (OpenCV pads by one pixel).
/// </summary>
public static class ContourTracer
{
    // OpenCV's chain codes: 0 = right, 1 = up-right, 2 = up, … counter-clockwise on screen (y down).
    private static ReadOnlySpan<int> Dx => [1, 1, 0, -1, -1, -1, 0, 1];
    private static ReadOnlySpan<int> Dy => [0, -1, -1, -1, 0, 1, 1, 1];

    /// <summary>
    /// Traces the outer border of the first blob of <paramref name="mask"/> (H×W, row-major) into
    /// <paramref name="points"/> as (x, y) pairs; returns the number of points (0 for an empty mask).
    /// The buffer grows when needed.
    /// </summary>
    public static int Trace(ReadOnlySpan<bool> mask, int height, int width, ref int[] points)
    {
        int start = mask.IndexOf(true);
        if (start < 0)
            return 0;
        int x0 = start % width, y0 = start / width;
        int count = 0;

        // Clockwise from the left neighbour (codes 3, 2, 1, 0, 7, 6, 5) for the first neighbour.
        int s = 4;
        int x1 = 0, y1 = 0;
        bool found = false;
        for (int k = 0; k < 7; k++)
        {
            s = (s - 1) & 7;
            int nx = x0 + Dx[s], ny = y0 + Dy[s];
            if (IsSet(mask, height, width, nx, ny))
            {
                x1 = nx;
                y1 = ny;
                found = true;
                break;
            }
        }
        if (!found)
        {
            Append(ref points, ref count, x0, y0); // a single pixel
            return count;
        }

        int x3 = x0, y3 = y0;
        while (true)
        {
            // Counter-clockwise from the code after s for the next border pixel.
            int x4 = 0, y4 = 0;
            for (int k = 0; k < 8; k++)
            {
                s = (s + 1) & 7;
                int nx = x3 + Dx[s], ny = y3 + Dy[s];
                if (IsSet(mask, height, width, nx, ny))
                {
                    x4 = nx;
                    y4 = ny;
                    break;
                }
            }
            Append(ref points, ref count, x3, y3);
            if (x4 == x0 && y4 == y0 && x3 == x1 && y3 == y1)
                break;
            x3 = x4;
            y3 = y4;
            s = (s + 4) & 7;
        }
        return count;
    }

    private static bool IsSet(ReadOnlySpan<bool> mask, int height, int width, int x, int y)
        => (uint)x < (uint)width && (uint)y < (uint)height && mask[y * width + x];

    private static void Append(ref int[] points, ref int count, int x, int y)
    {
        if (2 * count + 2 > points.Length)
            Array.Resize(ref points, Math.Max(64, points.Length * 2));
        points[2 * count] = x;
        points[2 * count + 1] = y;
        count++;
    }
}
