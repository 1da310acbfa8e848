namespace Dcnum.Report.Plots;

/// <summary>
/// The density colours of the scatter plot: viridis (dark blue → green → yellow), the map dclab and
/// Shape-Out use for event density, as 5 anchor colours interpolated linearly.
/// </summary>
public static class Colormap
{
    private static readonly (byte R, byte G, byte B)[] s_anchors =
    [
        (0x44, 0x01, 0x54), (0x3b, 0x52, 0x8b), (0x21, 0x91, 0x8c), (0x5e, 0xc9, 0x62), (0xfd, 0xe7, 0x25),
    ];

    /// <summary>The colour at <paramref name="t"/> ∈ [0, 1] as "#rrggbb".</summary>
    public static string Hex(double t)
    {
        t = Math.Clamp(double.IsFinite(t) ? t : 0, 0, 1) * (s_anchors.Length - 1);
        int i = Math.Min((int)t, s_anchors.Length - 2);
        double f = t - i;
        var (a, b) = (s_anchors[i], s_anchors[i + 1]);
        int r = (int)Math.Round(a.R + f * (b.R - a.R));
        int g = (int)Math.Round(a.G + f * (b.G - a.G));
        int bl = (int)Math.Round(a.B + f * (b.B - a.B));
        return $"#{r:x2}{g:x2}{bl:x2}";
    }
}
