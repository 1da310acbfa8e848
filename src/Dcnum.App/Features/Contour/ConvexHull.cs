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
        int minX = int.MaxValue, maxX = int.MinValue;
        for (int i = 0; i < count; i++)
        {
            minX = Math.Min(minX, points[2 * i]);
            maxX = Math.Max(maxX, points[2 * i]);
        }
        int columns = maxX - minX + 1;
        // per column its lowest and highest y, then up to two sorted points per column
        if (work.Length < 6 * columns)
            work = new int[Math.Max(6 * columns, 2 * work.Length)];
        Span<int> low = work.AsSpan(0, columns), high = work.AsSpan(columns, columns);
        Span<int> sorted = work.AsSpan(2 * columns, 4 * columns);
        low.Fill(int.MaxValue);
        high.Fill(int.MinValue);
        for (int i = 0; i < count; i++)
        {
            int c = points[2 * i] - minX, y = points[2 * i + 1];
            low[c] = Math.Min(low[c], y);
            high[c] = Math.Max(high[c], y);
        }
        int unique = 0;
        for (int c = 0; c < columns; c++)
        {
            if (low[c] > high[c])
                continue; // no point in this column
            sorted[2 * unique] = minX + c;
            sorted[2 * unique + 1] = low[c];
            unique++;
            if (high[c] != low[c])
            {
                sorted[2 * unique] = minX + c;
                sorted[2 * unique + 1] = high[c];
                unique++;
            }
        }
        if (hull.Length < 2 * (2 * unique + 1))
            hull = new int[2 * (2 * unique + 1)];
        if (unique < 3)
        {
            sorted[..(2 * unique)].CopyTo(hull);
            return unique;
        }
        int k = 0;
        for (int i = 0; i < unique; i++) // lower hull
        {
            while (k >= 2 && Cross(hull, k - 2, k - 1, sorted, i) <= 0)
                k--;
            Put(hull, k++, sorted, i);
        }
        for (int i = unique - 2, lower = k + 1; i >= 0; i--) // upper hull
        {
            while (k >= lower && Cross(hull, k - 2, k - 1, sorted, i) <= 0)
                k--;
            Put(hull, k++, sorted, i);
        }
        return k - 1; // the last point repeats the first
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Cross(int[] hull, int a, int b, ReadOnlySpan<int> sorted, int i)
    {
        long ax = hull[2 * a], ay = hull[2 * a + 1], bx = hull[2 * b], by = hull[2 * b + 1];
        long cx = sorted[2 * i], cy = sorted[2 * i + 1];
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(int[] hull, int index, ReadOnlySpan<int> sorted, int i)
    {
        hull[2 * index] = sorted[2 * i];
        hull[2 * index + 1] = sorted[2 * i + 1];
    }
}
