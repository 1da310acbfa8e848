namespace Dcnum.Features.Contour;

/// <summary>
/// dcnum's moment-based features of one mask (feat/feat_contour/moments.py): from the raw outer
/// contour and its convex hull. Invalid masks (contour of one point or zero area, or zero hull
/// area) give <see cref="Valid"/> = false and are dropped by the extractor.
/// </summary>
public struct MomentFeatures
{
    public bool Valid;
    public double AreaMsd, AreaRatio, AreaUm, AreaUmRaw, Aspect, Deform, DeformRaw, EccentrPrnc;
    public double InertRatioCvx, InertRatioPrnc, InertRatioRaw, PerRatio, PerUmRaw, PosX, PosY, SizeX, SizeY, Tilt;

    public static readonly string[] Names =
    [
        "area_msd", "area_ratio", "area_um", "area_um_raw", "aspect", "deform", "deform_raw", "eccentr_prnc",
        "inert_ratio_cvx", "inert_ratio_prnc", "inert_ratio_raw", "per_ratio", "per_um_raw", "pos_x", "pos_y",
        "size_x", "size_y", "tilt",
    ];

    /// <summary>Values in the order of <see cref="Names"/>.</summary>
    public readonly void CopyTo(Span<double> values)
    {
        values[0] = AreaMsd; values[1] = AreaRatio; values[2] = AreaUm; values[3] = AreaUmRaw; values[4] = Aspect;
        values[5] = Deform; values[6] = DeformRaw; values[7] = EccentrPrnc; values[8] = InertRatioCvx;
        values[9] = InertRatioPrnc; values[10] = InertRatioRaw; values[11] = PerRatio; values[12] = PerUmRaw;
        values[13] = PosX; values[14] = PosY; values[15] = SizeX; values[16] = SizeY; values[17] = Tilt;
    }

    /// <summary>Features of the contour (x, y pairs) for <paramref name="pixelSize"/> µm pixels.</summary>
    public static MomentFeatures Compute(ReadOnlySpan<int> contour, int count, double pixelSize, ContourScratch scratch)
    {
        var f = new MomentFeatures();
        f.SetNaN();
        if (count < 2 || PolygonMoments.Area(contour, count) == 0)
            return f;
        PolygonMoments raw = PolygonMoments.Of(contour, count);
        double arcRaw = PolygonMoments.ClosedArcLength(contour, count);
        int hullCount = ConvexHull.Compute(contour, count, ref scratch.HullWork, ref scratch.Hull);
        ReadOnlySpan<int> hull = scratch.Hull.AsSpan(0, 2 * hullCount);
        PolygonMoments cvx = PolygonMoments.Of(hull, hullCount);
        double arcCvx = PolygonMoments.ClosedArcLength(hull, hullCount);
        if (cvx.M00 == 0 || raw.M00 == 0)
            return f;
        var (_, _, w, h) = PolygonMoments.BoundingRect(contour, count);
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

    private void SetNaN()
    {
        AreaMsd = AreaRatio = AreaUm = AreaUmRaw = Aspect = Deform = DeformRaw = EccentrPrnc = double.NaN;
        InertRatioCvx = InertRatioPrnc = InertRatioRaw = PerRatio = PerUmRaw = PosX = PosY = SizeX = SizeY = Tilt = double.NaN;
    }
}
