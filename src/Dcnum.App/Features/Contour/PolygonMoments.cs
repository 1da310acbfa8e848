namespace Dcnum.Features.Contour;

/// <summary>
/// Spatial and central moments of a closed polygon, as OpenCV's <c>moments()</c> computes them for
/// a contour (Green's theorem over the edges; made orientation-independent by the sign of the area),
/// and OpenCV's <c>arcLength(closed)</c> (float edge lengths summed in double) and <c>boundingRect</c>.
/// </summary>
public readonly record struct PolygonMoments(double M00, double M10, double M01, double Mu20, double Mu11, double Mu02)
{
    public static PolygonMoments Of(ReadOnlySpan<int> xy, int count)
    {
        if (count == 0)
            return default;
        double a00 = 0, a10 = 0, a01 = 0, a20 = 0, a11 = 0, a02 = 0;
        double xPrev = xy[2 * (count - 1)], yPrev = xy[2 * (count - 1) + 1];
        for (int i = 0; i < count; i++)
        {
            double x = xy[2 * i], y = xy[2 * i + 1];
            double dxy = xPrev * y - x * yPrev;
            double xSum = xPrev + x, ySum = yPrev + y;
            a00 += dxy;
            a10 += dxy * xSum;
            a01 += dxy * ySum;
            a20 += dxy * (xPrev * xSum + x * x);
            a11 += dxy * (xPrev * (ySum + yPrev) + x * (ySum + y));
            a02 += dxy * (yPrev * ySum + y * y);
            xPrev = x;
            yPrev = y;
        }
        if (!(Math.Abs(a00) > 1.1920928955078125e-07)) // FLT_EPSILON
            return default;
        double sign = a00 > 0 ? 1 : -1;
        double m00 = a00 * (sign * 0.5), m10 = a10 * (sign / 6), m01 = a01 * (sign / 6);
        double m20 = a20 * (sign / 12), m11 = a11 * (sign / 24), m02 = a02 * (sign / 12);
        double inv = Math.Abs(m00) > double.Epsilon ? 1.0 / m00 : 0;
        double cx = m10 * inv, cy = m01 * inv;
        return new PolygonMoments(m00, m10, m01, m20 - m10 * cx, m11 - m10 * cy, m02 - m01 * cy);
    }

    /// <summary>OpenCV <c>arcLength(points, closed=true)</c>.</summary>
    public static double ClosedArcLength(ReadOnlySpan<int> xy, int count)
    {
        if (count == 0)
            return 0;
        double perimeter = 0;
        float xPrev = xy[2 * (count - 1)], yPrev = xy[2 * (count - 1) + 1];
        for (int i = 0; i < count; i++)
        {
            float x = xy[2 * i], y = xy[2 * i + 1];
            float dx = x - xPrev, dy = y - yPrev;
            perimeter += MathF.Sqrt(dx * dx + dy * dy); // float sqrt, as OpenCV
            xPrev = x;
            yPrev = y;
        }
        return perimeter;
    }

    /// <summary>OpenCV <c>contourArea</c> (unsigned): float coordinates, double accumulation.</summary>
    public static double Area(ReadOnlySpan<int> xy, int count)
    {
        if (count == 0)
            return 0;
        double a00 = 0;
        float xPrev = xy[2 * (count - 1)], yPrev = xy[2 * (count - 1) + 1];
        for (int i = 0; i < count; i++)
        {
            float x = xy[2 * i], y = xy[2 * i + 1];
            a00 += (double)xPrev * y - (double)yPrev * x;
            xPrev = x;
            yPrev = y;
        }
        return Math.Abs(a00 * 0.5);
    }

    /// <summary>OpenCV <c>boundingRect</c> of integer points: (x, y, width, height), inclusive pixels.</summary>
    public static (int X, int Y, int Width, int Height) BoundingRect(ReadOnlySpan<int> xy, int count)
    {
        // branch-free minima and maxima (a contour turns unpredictably); pixel coordinates are far
        // from the int range, so the differences cannot overflow
        if (count == 0)
            return default;
        ReadOnlySpan<int> points = xy[..(2 * count)];
        int minX = points[0], minY = points[1], maxX = minX, maxY = minY;
        for (int i = 2; i < points.Length; i += 2)
        {
            int x = points[i], y = points[i + 1];
            int dx = x - minX, dy = y - minY;
            minX += dx & (dx >> 31);
            minY += dy & (dy >> 31);
            dx = x - maxX;
            dy = y - maxY;
            maxX += dx & ~(dx >> 31);
            maxY += dy & ~(dy >> 31);
        }
        return (minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
