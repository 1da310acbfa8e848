using Dcnum.Features.Contour;

namespace Dcnum.Tests.Features.Reference;

// Test-only reference: MomentFeatures.Compute as of commit 4746eae, on the reference hull and
// bounding rectangle (PolygonMoments' moments, arc length and area are unchanged since).
internal static class RefMoments
{
    public static MomentFeatures Compute(ReadOnlySpan<int> contour, int count, double pixelSize, RefHullScratch scratch)
    {
        var f = NaN();
        if (count < 2 || PolygonMoments.Area(contour, count) == 0)
            return f;
        PolygonMoments raw = PolygonMoments.Of(contour, count);
        double arcRaw = PolygonMoments.ClosedArcLength(contour, count);
        int hullCount = RefConvexHull.Compute(contour, count, ref scratch.SortKeys, ref scratch.Hull);
        ReadOnlySpan<int> hull = scratch.Hull.AsSpan(0, 2 * hullCount);
        PolygonMoments cvx = PolygonMoments.Of(hull, hullCount);
        double arcCvx = PolygonMoments.ClosedArcLength(hull, hullCount);
        if (cvx.M00 == 0 || raw.M00 == 0)
            return f;
        var (_, _, w, h) = BoundingRect(contour, count);
        double px2 = pixelSize * pixelSize;
        f.AreaMsd = raw.M00;
        f.AreaRatio = cvx.M00 / raw.M00;
        f.Aspect = (double)w / h;
        f.AreaUm = cvx.M00 * px2;
        f.AreaUmRaw = raw.M00 * px2;
        f.Deform = 1 - 2 * Math.Sqrt(Math.PI * cvx.M00) / arcCvx;
        f.DeformRaw = 1 - 2 * Math.Sqrt(Math.PI * raw.M00) / arcRaw;
        f.PerRatio = arcRaw / arcCvx;
        f.PerUmRaw = arcRaw * pixelSize;
        f.PosX = cvx.M10 / cvx.M00 * pixelSize;
        f.PosY = cvx.M01 / cvx.M00 * pixelSize;
        f.SizeX = w * pixelSize;
        f.SizeY = h * pixelSize;
        if (cvx.Mu02 > 0)
            f.InertRatioCvx = Math.Sqrt(cvx.Mu20 / cvx.Mu02);
        double ixx = raw.Mu02, iyy = raw.Mu20, ixy = raw.Mu11;
        f.Tilt = Math.Abs(0.5 * Math.Atan2(-2 * ixy, iyy - ixx));
        if (ixx > 0)
            f.InertRatioRaw = Math.Sqrt(iyy / ixx);
        double root = (ixx - iyy) * (ixx - iyy) + 4 * (ixy * ixy);
        if (root >= 0)
        {
            double i1 = 0.5 * (ixx + iyy + Math.Sqrt(root));
            double i2 = 0.5 * (ixx + iyy - Math.Sqrt(root));
            double ratio = i1 / i2;
            if (ratio >= 0)
                f.InertRatioPrnc = Math.Sqrt(ratio);
            f.EccentrPrnc = Math.Sqrt((i1 - i2) / i1);
        }
        f.Valid = true;
        return f;
    }

    // PolygonMoments.BoundingRect as of commit 4746eae
    private static (int X, int Y, int Width, int Height) BoundingRect(ReadOnlySpan<int> xy, int count)
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = int.MinValue, maxY = int.MinValue;
        for (int i = 0; i < count; i++)
        {
            int x = xy[2 * i], y = xy[2 * i + 1];
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }
        return (minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    private static MomentFeatures NaN() => new()
    {
        AreaMsd = double.NaN,
        AreaRatio = double.NaN,
        AreaUm = double.NaN,
        AreaUmRaw = double.NaN,
        Aspect = double.NaN,
        Deform = double.NaN,
        DeformRaw = double.NaN,
        EccentrPrnc = double.NaN,
        InertRatioCvx = double.NaN,
        InertRatioPrnc = double.NaN,
        InertRatioRaw = double.NaN,
        PerRatio = double.NaN,
        PerUmRaw = double.NaN,
        PosX = double.NaN,
        PosY = double.NaN,
        SizeX = double.NaN,
        SizeY = double.NaN,
        Tilt = double.NaN,
    };
}

internal sealed class RefHullScratch
{
    public long[] SortKeys = new long[512];
    public int[] Hull = new int[256];
}
