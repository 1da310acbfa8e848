namespace Dcnum.Tests.Features.Reference;

// Test-only reference: src/Dcnum.App/Features/Contour/ConvexHull.cs as of commit 4746eae (sort,
// then monotone chain), kept unchanged as the yardstick of BoundingBoxParityTest.

/// <summary>
/// Convex hull of integer points, without collinear points (as OpenCV's <c>convexHull</c>). The
/// features use only its moments and closed arc length, which do not depend on the start vertex or
/// the orientation, so Andrew's monotone chain gives the same values as OpenCV's Sklansky scan.
/// </summary>
internal static class RefConvexHull
{
    /// <summary>Hull of <paramref name="count"/> (x, y) points into <paramref name="hull"/>; returns the vertex count.</summary>
    public static int Compute(ReadOnlySpan<int> points, int count, ref long[] sortScratch, ref int[] hull)
    {
        if (sortScratch.Length < count)
            sortScratch = new long[Math.Max(count, 2 * sortScratch.Length)];
        // Sort by x, then y, packed into one key.
        Span<long> keys = sortScratch.AsSpan(0, count);
        for (int i = 0; i < count; i++)
            keys[i] = ((long)points[2 * i] << 32) | (uint)points[2 * i + 1];
        keys.Sort();
        int unique = 0;
        for (int i = 0; i < count; i++)
        {
            if (unique == 0 || keys[i] != keys[unique - 1])
                keys[unique++] = keys[i];
        }
        if (hull.Length < 2 * (2 * unique + 1))
            hull = new int[2 * (2 * unique + 1)];
        if (unique < 3)
        {
            for (int i = 0; i < unique; i++)
            {
                hull[2 * i] = (int)(keys[i] >> 32);
                hull[2 * i + 1] = (int)keys[i];
            }
            return unique;
        }
        int k = 0;
        for (int i = 0; i < unique; i++) // lower hull
        {
            while (k >= 2 && Cross(hull, k - 2, k - 1, keys[i]) <= 0)
                k--;
            Put(hull, k++, keys[i]);
        }
        for (int i = unique - 2, lower = k + 1; i >= 0; i--) // upper hull
        {
            while (k >= lower && Cross(hull, k - 2, k - 1, keys[i]) <= 0)
                k--;
            Put(hull, k++, keys[i]);
        }
        return k - 1; // the last point repeats the first
    }

    private static long Cross(int[] hull, int a, int b, long key)
    {
        long ax = hull[2 * a], ay = hull[2 * a + 1], bx = hull[2 * b], by = hull[2 * b + 1];
        long cx = key >> 32, cy = (int)key;
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    }

    private static void Put(int[] hull, int index, long key)
    {
        hull[2 * index] = (int)(key >> 32);
        hull[2 * index + 1] = (int)key;
    }
}
