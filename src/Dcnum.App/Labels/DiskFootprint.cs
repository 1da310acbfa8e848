namespace Dcnum.Labels;

/// <summary>
/// The disk structuring element of the "closing" step.
/// dcnum counterpart: <c>external.skimage_morphology.disk(radius)</c>: a (2r+1)² grid around the
/// centre with x² + y² &lt;= r².
/// </summary>
public static class DiskFootprint
{
    /// <summary>The element as a (2r+1)×(2r+1) row-major 0/1 array.</summary>
    public static byte[] Element(int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        int n = 2 * radius + 1;
        var element = new byte[n * n];
        for (int y = -radius; y <= radius; y++)
        {
            for (int x = -radius; x <= radius; x++)
                element[(y + radius) * n + x + radius] = (byte)(x * x + y * y <= radius * radius ? 1 : 0);
        }
        return element;
    }

    /// <summary>Offsets (dy, dx) from the anchor (the centre) of every element pixel, in raster order.</summary>
    public static (int[] Dy, int[] Dx) Offsets(int radius)
    {
        byte[] element = Element(radius);
        int n = 2 * radius + 1;
        int count = 0;
        foreach (byte b in element)
            count += b;
        var dy = new int[count];
        var dx = new int[count];
        int k = 0;
        for (int i = 0; i < element.Length; i++)
        {
            if (element[i] == 0)
                continue;
            dy[k] = i / n - radius;
            dx[k] = i % n - radius;
            k++;
        }
        return (dy, dx);
    }

    /// <summary>
    /// Per |dy| = 0 … r: the half-width hw of the element's row dy, whose pixels are exactly
    /// dx = -hw … hw (a disk's rows are centred segments; anything else is refused).
    /// </summary>
    public static int[] HalfWidths(int radius)
    {
        byte[] element = Element(radius);
        int n = 2 * radius + 1;
        var halfWidth = new int[radius + 1];
        for (int dy = 0; dy <= radius; dy++)
        {
            int hw = -1;
            while (hw < radius && element[(dy + radius) * n + radius + hw + 1] != 0)
                hw++;
            for (int dx = -radius; dx <= radius; dx++)
            {
                bool inside = Math.Abs(dx) <= hw;
                if ((element[(dy + radius) * n + dx + radius] != 0) != inside
                    || element[(radius - dy) * n + dx + radius] != element[(dy + radius) * n + dx + radius])
                    throw new InvalidOperationException($"disk({radius}) row {dy} is not a centred segment");
            }
            if (hw < 0)
                throw new InvalidOperationException($"disk({radius}) row {dy} is empty");
            halfWidth[dy] = hw;
        }
        return halfWidth;
    }
}
