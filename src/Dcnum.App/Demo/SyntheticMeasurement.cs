namespace Dcnum.Demo;

/// <summary>
/// A small, realistic RT-DC measurement made up on the spot, so that <c>dcnum demo</c> needs no
/// file: a channel background with a vertical intensity profile and fixed-pattern structure,
/// camera noise, and dark elliptical cells of varied size and deformation flowing left to right.
/// Every frame is a pure function of (seed, frame index), so it can be rendered chunk by chunk.
/// </summary>
public sealed class SyntheticMeasurement
{
    public const int DefaultFrames = 400;

    private readonly byte[] _background;
    private readonly Cell[] _cells;

    public SyntheticMeasurement(int frames = DefaultFrames, int height = 80, int width = 250, int seed = 42)
    {
        if (frames < 1 || height < 16 || width < 32)
            throw new ArgumentOutOfRangeException(nameof(frames), "a measurement needs at least one frame of 16×32 pixels");
        Frames = frames;
        Height = height;
        Width = width;
        Seed = seed;
        _background = BuildBackground(height, width, seed);
        _cells = BuildCells(frames, height, width, seed);
    }

    public int Frames { get; }
    public int Height { get; }
    public int Width { get; }
    public int Seed { get; }

    public double FrameRate => 2000.0;
    public double PixelSize => 0.34;

    /// <summary>Number of cells that cross the channel during the measurement.</summary>
    public int CellCount => _cells.Length;

    /// <summary>Acquisition time of a frame in seconds (the .rtdc <c>time</c> feature).</summary>
    public double Time(int frame) => frame / FrameRate;

    /// <summary>Renders frame <paramref name="index"/> (row-major H×W) into <paramref name="destination"/>.</summary>
    public void RenderFrame(int index, Span<byte> destination)
    {
        if (destination.Length < Height * Width)
            throw new ArgumentException("destination is smaller than one frame", nameof(destination));
        var noise = new Random(unchecked(Seed * 7919 + index * 104729));
        for (int i = 0; i < Height * Width; i++)
        {
            // Camera noise: a sum of three uniforms approximates a Gaussian with sigma ≈ 1.5 grey values.
            double n = (noise.NextDouble() + noise.NextDouble() + noise.NextDouble() - 1.5) * 1.5 * 2.0;
            destination[i] = ClampToByte(_background[i] + n);
        }
        foreach (ref readonly Cell cell in _cells.AsSpan())
        {
            double cx = cell.StartX + cell.Speed * (index - cell.EntryFrame);
            if (cx + cell.RadiusX + 3 < 0 || cx - cell.RadiusX - 3 >= Width)
                continue;
            DrawCell(destination, cell, cx);
        }
    }

    /// <summary>Root attributes of the measurement, as an acquisition system writes them.</summary>
    public IEnumerable<KeyValuePair<string, object>> Attributes()
    {
        yield return new("experiment:date", "2026-11-25");
        yield return new("experiment:time", "12:00:00");
        yield return new("experiment:run index", 1L);
        yield return new("experiment:sample", "dcnum-native demo cells");
        yield return new("experiment:event count", (long)Frames);
        yield return new("experiment:run identifier", $"dcnum-demo-{Seed}");
        yield return new("imaging:pixel size", PixelSize);
        yield return new("imaging:frame rate", FrameRate);
        yield return new("imaging:roi size x", (long)Width);
        yield return new("imaging:roi size y", (long)Height);
        yield return new("imaging:roi position x", 600L);
        yield return new("imaging:roi position y", 500L);
        yield return new("imaging:flash device", "LED (demo)");
        yield return new("imaging:flash duration", 2.0);
        yield return new("setup:channel width", 20.0);
        yield return new("setup:chip region", "channel");
        yield return new("setup:flow rate", 0.04);
        yield return new("setup:medium", "CellCarrierB");
        yield return new("setup:identifier", "dcnum-native-demo");
        yield return new("setup:software version", "dcnum-native demo");
    }

    private void DrawCell(Span<byte> frame, in Cell cell, double cx)
    {
        int x0 = Math.Max(0, (int)Math.Floor(cx - cell.RadiusX - 2));
        int x1 = Math.Min(Width - 1, (int)Math.Ceiling(cx + cell.RadiusX + 2));
        int y0 = Math.Max(0, (int)Math.Floor(cell.CenterY - cell.RadiusY - 2));
        int y1 = Math.Min(Height - 1, (int)Math.Ceiling(cell.CenterY + cell.RadiusY + 2));
        for (int y = y0; y <= y1; y++)
        {
            double dy = (y - cell.CenterY) / cell.RadiusY;
            for (int x = x0; x <= x1; x++)
            {
                double dx = (x - cx) / cell.RadiusX;
                // Bullet-shaped deformation: the rear of the cell (dx < 0) is flattened.
                double r = Math.Sqrt(dx * dx * (dx < 0 ? 1.0 + cell.Deformation : 1.0) + dy * dy);
                double delta;
                if (r <= 1.0)
                    delta = -cell.Darkness * (0.65 + 0.35 * (1.0 - r * r)); // dark cytoplasm, darkest at the centre
                else if (r <= 1.25)
                    delta = 6.0 * (1.25 - r) / 0.25;                        // thin bright halo (phase contrast)
                else
                    continue;
                int i = y * Width + x;
                frame[i] = ClampToByte(frame[i] + delta);
            }
        }
    }

    private static byte[] BuildBackground(int height, int width, int seed)
    {
        var rng = new Random(seed);
        var columnPattern = new double[width];
        for (int x = 0; x < width; x++)
            columnPattern[x] = (rng.NextDouble() - 0.5) * 3.0;
        var background = new byte[height * width];
        for (int y = 0; y < height; y++)
        {
            double v = (y - (height - 1) / 2.0) / (height / 2.0);
            double profile = 108.0 - 14.0 * v * v;                 // brighter channel centre, darker walls
            bool wall = y < 3 || y >= height - 3;
            for (int x = 0; x < width; x++)
            {
                double value = profile + columnPattern[x] + 2.0 * Math.Sin(x * 0.05 + y * 0.02) + (wall ? -20.0 : 0.0);
                background[y * width + x] = ClampToByte(value);
            }
        }
        return background;
    }

    private static Cell[] BuildCells(int frames, int height, int width, int seed)
    {
        var rng = new Random(seed + 1);
        var cells = new List<Cell>();
        int frame = -20; // cells already in the channel when the recording starts
        while (frame < frames)
        {
            double radiusY = 7.0 + rng.NextDouble() * 6.0;
            double radiusX = radiusY * (1.0 + rng.NextDouble() * 0.5);
            cells.Add(new Cell(
                EntryFrame: frame,
                StartX: -radiusX - 2,
                CenterY: height / 2.0 + (rng.NextDouble() - 0.5) * (height / 2.0 - radiusY * 2.0),
                RadiusX: radiusX,
                RadiusY: radiusY,
                Speed: 7.0 + rng.NextDouble() * 5.0,
                Darkness: 22.0 + rng.NextDouble() * 22.0,
                Deformation: rng.NextDouble() * 0.8));
            frame += 9 + rng.Next(14);
        }
        _ = width;
        return [.. cells];
    }

    private static byte ClampToByte(double value) => (byte)Math.Clamp(Math.Round(value), 0.0, 255.0);

    private readonly record struct Cell(
        int EntryFrame, double StartX, double CenterY, double RadiusX, double RadiusY,
        double Speed, double Darkness, double Deformation);
}
