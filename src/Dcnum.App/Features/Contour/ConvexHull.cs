using System.Runtime.CompilerServices;

namespace Dcnum.Features.Contour;

/// <summary>
/// Convex hull of integer points, without collinear points (as OpenCV's <c>convexHull</c>). The
/// features use only its moments and closed arc length, which do not depend on the start vertex or
/// the orientation, so Andrew's monotone chain gives the same values as OpenCV's Sklansky scan.
/// </summary>
/// <remarks>
/// A point strictly between the lowest and the highest point of its column lies on the segment
/// joining them, so it is never a vertex: the chain runs over the two extremes of each column,
/// which come out sorted by x, then y, without a sort (O(points + width)). The chain drops every
/// point that is not a strict vertex, so its output is the same as over all points.
/// </remarks>
public static class ConvexHull
{
    /// <summary>
    /// Hull of <paramref name="count"/> (x, y) points into <paramref name="hull"/>; returns the vertex
    /// count. <paramref name="work"/> is scratch space and grows when needed.
    /// </summary>
    public static int Compute(ReadOnlySpan<int> points, int count, ref int[] work, ref int[] hull)
    {
        if (count == 0)
            return 0;
        points = points[..(2 * count)];
        int minX = int.MaxValue, maxX = int.MinValue;
        for (int i = 0; i < points.Length; i += 2)
        {
            minX = Min(minX, points[i]);
            maxX = Max(maxX, points[i]);
        }
        int columns = maxX - minX + 1;
        // per column its lowest and highest y
        if (work.Length < 2 * columns)
            work = new int[Math.Max(2 * columns, 2 * work.Length)];
        Span<int> low = work.AsSpan(0, columns), high = work.AsSpan(columns, columns);
        low.Fill(int.MaxValue);
        high.Fill(int.MinValue);
        for (int i = 0; i < points.Length; i += 2)
        {
            int c = points[i] - minX, y = points[i + 1];
            low[c] = Min(low[c], y);
            high[c] = Max(high[c], y);
        }
        int unique = 0;
        for (int c = 0; c < columns; c++)
        {
            if (low[c] <= high[c])
                unique += low[c] == high[c] ? 1 : 2;
        }
        if (hull.Length < 2 * (2 * unique + 1))
            hull = new int[2 * (2 * unique + 1)];
        int last = columns - 1; // the first and the last column hold points
        if (unique < 3)
        {
            // the distinct points sorted by x, then y
            int n = 0;
            for (int c = 0; c < columns; c++)
            {
                if (low[c] > high[c])
                    continue;
                Put(hull, n++, minX + c, low[c]);
                if (high[c] != low[c])
                    Put(hull, n++, minX + c, high[c]);
            }
            return unique;
        }
        // Andrew's chain over the points sorted by x, then y. The lower chain runs from the first
        // column's lowest point to the last column's highest and can only use each column's lowest
        // point (the others lie above it), plus that end; the upper chain runs back over each
        // column's highest point to the start. Leaving out points that cannot be vertices does not
        // change the chains, so this is the chain over all points with half the steps.
        int k = 0;
        for (int c = 0; c < columns; c++) // lower chain
        {
            if (low[c] <= high[c])
                Push(hull, ref k, 2, minX + c, low[c]);
        }
        if (high[last] != low[last])
            Push(hull, ref k, 2, maxX, high[last]);
        int lower = k + 1;
        for (int c = last - 1; c >= 0; c--) // upper chain
        {
            if (low[c] <= high[c])
                Push(hull, ref k, lower, minX + c, high[c]);
        }
        if (high[0] != low[0])
            Push(hull, ref k, lower, minX, low[0]);
        return k - 1; // the last point repeats the first
    }

    /// <summary>Pops the points that make no left turn with (x, y), as long as <paramref name="k"/> ≥ <paramref name="keep"/>, then pushes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Push(int[] hull, ref int k, int keep, int x, int y)
    {
        while (k >= keep && Cross(hull, k - 2, k - 1, x, y) <= 0)
            k--;
        Put(hull, k++, x, y);
    }

    // Branch-free: a contour runs up and down its columns, so which side is smaller is a coin toss.
    // The values are pixel coordinates (or the int extremes the minimum or maximum starts from),
    // whose difference fits a long.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Min(int a, int b)
    {
        long d = (long)b - a;
        return a + (int)(d & (d >> 63));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Max(int a, int b)
    {
        long d = (long)b - a;
        return a + (int)(d & ~(d >> 63));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Cross(int[] hull, int a, int b, long cx, long cy)
    {
        long ax = hull[2 * a], ay = hull[2 * a + 1], bx = hull[2 * b], by = hull[2 * b + 1];
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(int[] hull, int index, int x, int y)
    {
        hull[2 * index] = x;
        hull[2 * index + 1] = y;
    }
}
