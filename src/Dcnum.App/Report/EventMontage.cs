using Dcnum.Read;

namespace Dcnum.Report;

/// <summary>One event's image, cut around its mask, with the mask's boundary drawn on top.</summary>
public sealed record MontageTile(long Event, byte[] Png, int Height, int Width);

/// <summary>
/// The montage: events spread evenly over the measurement, each image cut to a square around its
/// mask's centre, its contour (the mask's boundary pixels) drawn in colour. Images are read
/// through the reader, which follows basins, so a tap output shows the input's images.
/// </summary>
public static class EventMontage
{
    public const int MaxTiles = 24;
    public const int MaxTileSide = 96;

    /// <summary>Palette: entries 0…254 are grey levels, 255 is the contour colour.</summary>
    private static readonly byte[] s_palette = MakePalette();

    /// <summary>Up to <see cref="MaxTiles"/> event indices spread evenly over [0, events).</summary>
    public static long[] PickEvents(long events)
    {
        if (events <= 0)
            return [];
        int n = (int)Math.Min(events, MaxTiles);
        var picks = new long[n];
        for (int k = 0; k < n; k++)
            picks[k] = n == 1 ? 0 : (long)Math.Round((double)k * (events - 1) / (n - 1));
        return picks;
    }

    public static List<MontageTile> Read(RtdcFile file, long events, int height, int width)
    {
        var tiles = new List<MontageTile>();
        bool hasMask = file.HasFeature("mask");
        var image = new byte[height * width];
        var mask = new byte[height * width];
        foreach (long e in PickEvents(events))
        {
            file.ReadFeatureRows<byte>("image", e, 1, image);
            if (hasMask)
                file.ReadFeatureRows<byte>("mask", e, 1, mask);
            else
                Array.Clear(mask);
            tiles.Add(Render(e, image, hasMask ? mask : null, height, width));
        }
        return tiles;
    }

    /// <summary>A palette PNG of the event's image around its mask, boundary pixels in the contour colour.</summary>
    public static MontageTile Render(long eventIndex, ReadOnlySpan<byte> image, ReadOnlySpan<byte> mask, int height, int width)
    {
        int th = Math.Min(height, MaxTileSide), tw = Math.Min(width, MaxTileSide);
        // Centre of the mask (the frame's centre when there is none).
        long sx = 0, sy = 0, count = 0;
        if (!mask.IsEmpty)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    if (mask[y * width + x] != 0)
                    {
                        sx += x;
                        sy += y;
                        count++;
                    }
                }
            }
        }
        int cx = count > 0 ? (int)(sx / count) : width / 2, cy = count > 0 ? (int)(sy / count) : height / 2;
        int x0 = Math.Clamp(cx - tw / 2, 0, width - tw), y0 = Math.Clamp(cy - th / 2, 0, height - th);
        var tile = new byte[th * tw];
        for (int y = 0; y < th; y++)
        {
            for (int x = 0; x < tw; x++)
            {
                int fy = y0 + y, fx = x0 + x;
                bool edge = count > 0 && mask[fy * width + fx] != 0 && IsBoundary(mask, height, width, fy, fx);
                tile[y * tw + x] = edge ? (byte)255 : (byte)((image[fy * width + fx] * 254 + 127) / 255);
            }
        }
        return new MontageTile(eventIndex, PngEncoder.Indexed(tile, th, tw, s_palette), th, tw);
    }

    /// <summary>A mask pixel with a 4-neighbour outside the mask (or on the frame's edge).</summary>
    private static bool IsBoundary(ReadOnlySpan<byte> mask, int height, int width, int y, int x)
        => y == 0 || x == 0 || y == height - 1 || x == width - 1
           || mask[(y - 1) * width + x] == 0 || mask[(y + 1) * width + x] == 0
           || mask[y * width + x - 1] == 0 || mask[y * width + x + 1] == 0;

    private static byte[] MakePalette()
    {
        var palette = new byte[3 * 256];
        for (int i = 0; i < 255; i++)
        {
            byte g = (byte)((i * 255 + 127) / 254);
            palette[3 * i] = palette[3 * i + 1] = palette[3 * i + 2] = g;
        }
        // The contour: a saturated orange-red that no grey level can be mistaken for.
        palette[3 * 255] = 0xff;
        palette[3 * 255 + 1] = 0x40;
        palette[3 * 255 + 2] = 0x10;
        return palette;
    }
}
