using Dcnum.Labels;

namespace Dcnum.Tests.Labels;

public class ConnectedComponentsTest
{
    [Test]
    [Arguments(0.05)]
    [Arguments(0.3)]
    [Arguments(0.45)]
    [Arguments(0.6)]
    public async Task Label8_RandomMasks_EqualRasterOrderFloodFill(double density)
    {
        var rng = new Random(42);
        const int h = 41, w = 67;
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        int failures = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            var mask = new bool[h * w];
            for (int i = 0; i < mask.Length; i++)
                mask[i] = rng.NextDouble() < density;
            int count = ConnectedComponents.Label8(mask, labels, h, w, scratch);
            ushort[] expected = NaiveLabelReference.Label8(mask, h, w);
            if (!labels.AsSpan().SequenceEqual(expected) || count != (expected.Length == 0 ? 0 : expected.Max()))
                failures++;
        }
        await Assert.That(failures).IsEqualTo(0);
    }

    // Diagonal neighbours join (3×3 structure): the zigzag from (0, 3) down to (3, 2) and back up to
    // (1, 0) is one object, numbered 1 after its first pixel, although (1, 0) is met before the
    // pixels that join it; the lone pixels follow in raster order.
    [Test]
    public async Task Label8_DiagonalsAndMerges_NumberByFirstPixel()
    {
        bool[] mask = Parse(
            "...#..#",
            "#...#..",
            ".#.#...",
            "..#...#");
        var labels = new ushort[mask.Length];
        int count = ConnectedComponents.Label8(mask, labels, 4, 7);
        ushort[] expected =
        [
            0, 0, 0, 1, 0, 0, 2,
            1, 0, 0, 0, 1, 0, 0,
            0, 1, 0, 1, 0, 0, 0,
            0, 0, 1, 0, 0, 0, 3,
        ];
        await Assert.That(count).IsEqualTo(3);
        await Assert.That(labels.SequenceEqual(expected)).IsTrue();
    }

    [Test]
    public async Task Label8_EmptyFrame_ReturnsZero()
    {
        var mask = new bool[12];
        var labels = new ushort[12];
        labels[3] = 7;
        await Assert.That(ConnectedComponents.Label8(mask, labels, 3, 4)).IsEqualTo(0);
        await Assert.That(labels.All(l => l == 0)).IsTrue();
    }

    private static bool[] Parse(params string[] rows) => rows.SelectMany(r => r.Select(c => c == '#')).ToArray();
}
