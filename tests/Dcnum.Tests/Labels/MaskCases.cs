namespace Dcnum.Tests.Labels;

/// <summary>
/// Masks for checking the label kernels against <see cref="NaiveLabelReference"/>: random noise and
/// blobs in frames of many shapes (row widths around the 64-pixel word size, 2-pixel frames), and
/// the shapes where the image edge or one pixel decides: objects on edges and corners, holes open
/// to an edge, one-pixel and diagonal bridges, full and empty frames.
/// </summary>
internal static class MaskCases
{
    /// <summary>Frame shapes (height, width): the smallest allowed, thin, and widths at word boundaries.</summary>
    public static readonly (int H, int W)[] Shapes =
    [
        (2, 2), (2, 9), (9, 2), (3, 3), (4, 5), (5, 63), (7, 64), (6, 65), (4, 127), (5, 128), (3, 129), (37, 53), (80, 130),
    ];

    /// <summary>A random mask: kind 0 noise of random density, 1 blobs and rings, 2 sparse noise, 3 full, 4 empty, 5 stripes.</summary>
    public static bool[] Random(Random rng, int h, int w, int kind)
    {
        var mask = new bool[h * w];
        switch (kind)
        {
            case 0:
                double p = rng.NextDouble();
                for (int i = 0; i < mask.Length; i++)
                    mask[i] = rng.NextDouble() < p;
                break;
            case 1:
                int blobs = rng.Next(1, 6);
                for (int b = 0; b < blobs; b++)
                {
                    int cy = rng.Next(-2, h + 2), cx = rng.Next(-2, w + 2);
                    int r = rng.Next(1, 1 + Math.Max(2, Math.Min(h, w) / 2));
                    int hole = rng.Next(0, 2) == 0 ? rng.Next(0, r) : -1;
                    for (int y = 0; y < h; y++)
                    {
                        for (int x = 0; x < w; x++)
                        {
                            int d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                            if (d2 <= r * r && d2 > hole * Math.Abs(hole))
                                mask[y * w + x] = true;
                        }
                    }
                }
                for (int i = 0; i < mask.Length; i++)
                {
                    if (rng.NextDouble() < 0.03)
                        mask[i] = !mask[i];
                }
                break;
            case 2:
                for (int i = 0; i < mask.Length; i++)
                    mask[i] = rng.NextDouble() < 0.04;
                break;
            case 3:
                Array.Fill(mask, true);
                if (rng.Next(2) == 0)
                    mask[rng.Next(mask.Length)] = false;
                break;
            case 4:
                if (rng.Next(2) == 0)
                    mask[rng.Next(mask.Length)] = true;
                break;
            default:
                // rows or columns of alternating runs: many runs per row, bridges between rows
                bool vertical = rng.Next(2) == 0;
                int period = rng.Next(2, 6);
                for (int y = 0; y < h; y++)
                {
                    for (int x = 0; x < w; x++)
                        mask[y * w + x] = ((vertical ? x : y) % period) < period - 1 || rng.NextDouble() < 0.1;
                }
                break;
        }
        return mask;
    }

    public const int RandomKinds = 6;

    /// <summary>Named shapes drawn as rows of '.' and '#'.</summary>
    public static IEnumerable<(string Name, string[] Rows)> Shaped() =>
    [
        ("arch on the bottom row", [".......", ".......", "..###..", "..#.#.."]),
        ("ring with an island", ["...........", ".#######...", ".#.....#...", ".#.###.#...", ".#.#.#.#...", ".#.###.#...", ".#.....#...", ".#######...", "..........."]),
        ("object at (1, 1)", [".......", ".####..", ".#..#..", ".####..", "......."]),
        ("ring through (1, 0)", [".......", "####...", "#..#...", "####...", "......."]),
        ("band cutting the frame", [".......", "..#....", "#######", "...#...", "..#.#..", "......."]),
        ("hole open to the left edge", ["......", "####..", "...#..", "####..", "......"]),
        ("hole closed by the left edge", ["......", ".###..", "#..#..", ".###..", "......"]),
        ("hole closed by the right edge", ["......", "..###.", "..#..#", "..###.", "......"]),
        ("hole on the top row", ["#.#....", "###....", "......."]),
        ("corner triangle", [".......", "#......", ".#.....", "..#....", "...#..."]),
        ("diagonal ring", [".......", "...#...", "..#.#..", "...#...", "......."]),
        ("diagonal bridge between blobs", ["........", ".##.....", ".##.....", "...#....", "....##..", "....##..", "........"]),
        ("one-pixel bridge", ["..........", ".###..###.", ".#########", ".###..###.", ".........."]),
        ("two objects in one hole", ["#########", "#.......#", "#.#...#.#", "#.......#", "#########"]),
        ("all corners", ["#.....#", ".......", "#.....#"]),
        ("U opened by the frame's bottom", ["........", ".#....#.", ".#....#.", ".#....#."]),
        ("full", ["####", "####", "####"]),
        ("empty", ["....", "....", "...."]),
        ("2x2 one pixel", ["..", ".#"]),
        ("stairs", ["#.......", ".#......", "..#.....", "...#....", "....#...", ".....#.."]),
    ];

    public static bool[] Parse(string[] rows) => rows.SelectMany(r => r.Select(c => c == '#')).ToArray();
}
