namespace Dcnum.Features.Volume;

/// <summary>
/// Volume of the cell assuming rotational symmetry about the flow axis through its centre: the
/// upper and lower halves of the contour revolved, each as a sum of truncated cones, averaged.
/// dcnum counterpart: <c>feat/feat_contour/volume.py</c> (identical to Olynyk's volRevolve); needs
/// the contour in OpenCV's order (counter-clockwise), NaN below 4 points.
/// </summary>
public static class VolumeFeature
{
    /// <summary><paramref name="scratch"/> needs 2·(count + 1) doubles.</summary>
    public static double Compute(ReadOnlySpan<int> contour, int count, double posX, double posY, double pixelSize, Span<double> scratch)
    {
        if (count < 4)
            return double.NaN;
        double cx = posX / pixelSize, cy = posY / pixelSize;
        Span<double> r = scratch[..(count + 1)];
        Span<double> z = scratch.Slice(count + 1, count + 1);
        // Upper half: r = y − cy clipped at 0, in contour order.
        for (int i = 0; i < count; i++)
        {
            r[i] = Math.Max(contour[2 * i + 1] - cy, 0);
            z[i] = contour[2 * i] - cx;
        }
        double right = Revolve(r, z, count, pixelSize);
        // Lower half: −min(r, 0), traversed backwards.
        for (int i = 0; i < count; i++)
        {
            int j = count - 1 - i;
            r[i] = -Math.Min(contour[2 * j + 1] - cy, 0);
            z[i] = contour[2 * j] - cx;
        }
        double left = Revolve(r, z, count, pixelSize);
        return (right + left) / 2;
    }

    /// <summary>Closes the polygon if its ends differ; V = Σ π/3·Δz·|3r² + 3rΔr + Δr²|·scale³.</summary>
    private static double Revolve(Span<double> r, Span<double> z, int n, double scale)
    {
        if (r[n - 1] != r[0] || z[n - 1] != z[0])
        {
            r[n] = r[0];
            z[n] = z[0];
            n++;
        }
        double sum = 0; // np.sum is pairwise; the order changes the result by ~1e-16 relative only
        for (int k = 0; k < n - 1; k++)
        {
            double rp = r[k], dr = r[k + 1] - rp, dz = z[k + 1] - z[k];
            sum += Math.PI / 3 * dz * Math.Abs(3 * (rp * rp) + 3 * rp * dr + dr * dr); // dcnum: 3*rp**2 + 3*rp*dr + dr**2
        }
        return sum * scale * scale * scale;
    }
}
