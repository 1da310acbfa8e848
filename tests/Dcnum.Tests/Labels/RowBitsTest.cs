using Dcnum.Labels;

namespace Dcnum.Tests.Labels;

/// <summary>Row bit sets and runs against per-pixel definitions, for the vector and the scalar kernels.</summary>
public class RowBitsTest
{
    public static IEnumerable<int> Widths() => [1, 2, 7, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 79, 80, 127, 128, 129, 200, 400, 401];

    [Test]
    [MethodDataSource(nameof(Widths))]
    public async Task FromBytesAndFromNonZero_RandomRows_MatchPixels(int width)
    {
        var rng = new Random(width);
        int words = RowBits.WordsPerRow(width);
        var bits = new ulong[words];
        var failures = new List<string>();
        for (int trial = 0; trial < 200; trial++)
        {
            double p = trial % 10 == 0 ? 0 : trial % 10 == 1 ? 1 : rng.NextDouble();
            var bytes = new byte[width];
            var values = new ushort[width];
            for (int x = 0; x < width; x++)
            {
                if (rng.NextDouble() < p)
                {
                    bytes[x] = (byte)rng.Next(1, 256);
                    values[x] = (ushort)rng.Next(1, 65536);
                }
            }
            foreach ((string name, Func<ulong[], bool> kernel, bool[] expected) in new (string, Func<ulong[], bool>, bool[])[]
            {
                ("bytes vector", b => RowBits.FromBytesVector(bytes, b), bytes.Select(v => v != 0).ToArray()),
                ("bytes scalar", b => RowBits.FromBytesScalar(bytes, b), bytes.Select(v => v != 0).ToArray()),
                ("ushort vector", b => RowBits.FromNonZeroVector(values, b), values.Select(v => v != 0).ToArray()),
                ("ushort scalar", b => RowBits.FromNonZeroScalar(values, b), values.Select(v => v != 0).ToArray()),
            })
            {
                // stale bits from an earlier row must not survive
                Array.Fill(bits, ulong.MaxValue);
                bool any = kernel(bits);
                bool same = any == expected.Any(v => v);
                for (int x = 0; x < words * 64; x++)
                    same &= ((bits[x >> 6] >> (x & 63)) & 1) == (x < width && expected[x] ? 1UL : 0UL);
                if (!same)
                    failures.Add($"{name} trial {trial}");
            }
        }
        await Assert.That(string.Join(", ", failures.Take(5))).IsEqualTo("");
    }

    [Test]
    [MethodDataSource(nameof(Widths))]
    public async Task AppendRuns_RandomRows_AreTheMaximalRuns(int width)
    {
        var rng = new Random(31 * width);
        int words = RowBits.WordsPerRow(width);
        var bits = new ulong[words];
        var runs = new RunTable(1, width);
        var failures = new List<string>();
        for (int trial = 0; trial < 200; trial++)
        {
            double p = trial % 10 == 0 ? 0 : trial % 10 == 1 ? 1 : rng.NextDouble();
            var row = new bool[width];
            Array.Clear(bits);
            for (int x = 0; x < width; x++)
            {
                row[x] = rng.NextDouble() < p;
                if (row[x])
                    bits[x >> 6] |= 1UL << (x & 63);
            }
            runs.Reset();
            RowBits.AppendRuns(bits, runs, 5);
            runs.EndRow(0);
            var expected = new List<(int, int)>();
            for (int x = 0; x < width; x++)
            {
                if (row[x] && (x == 0 || !row[x - 1]))
                {
                    int end = x;
                    while (end + 1 < width && row[end + 1])
                        end++;
                    expected.Add((x, end));
                }
            }
            var actual = Enumerable.Range(0, runs.Count).Select(k => (runs.X0[k], runs.X1[k])).ToList();
            if (!actual.SequenceEqual(expected) || Enumerable.Range(0, runs.Count).Any(k => runs.Value[k] != 5))
                failures.Add($"trial {trial}");
        }
        await Assert.That(string.Join(", ", failures.Take(5))).IsEqualTo("");
    }

    [Test]
    public async Task SetRangeAndShifted_AllRangesOfTwoWords_MatchPixels()
    {
        const int width = 130;
        int words = RowBits.WordsPerRow(width);
        ulong lastMask = RowBits.LastWordMask(width);
        var failures = new List<string>();
        var rng = new Random(3);
        for (int x0 = 0; x0 < width; x0++)
        {
            for (int x1 = x0; x1 < width; x1 += 1 + x0 % 3)
            {
                var bits = new ulong[words];
                RowBits.SetRange(bits, x0, x1);
                for (int x = 0; x < words * 64; x++)
                {
                    if ((((bits[x >> 6] >> (x & 63)) & 1) == 1) != (x >= x0 && x <= x1))
                    {
                        failures.Add($"SetRange {x0}..{x1}");
                        break;
                    }
                }
                int d = rng.Next(-140, 141);
                foreach (ulong outside in new[] { 0UL, ulong.MaxValue })
                {
                    for (int x = 0; x < words * 64; x++)
                    {
                        int source = x + d;
                        bool expected = source < 0 || source >= width ? outside != 0 : source >= x0 && source <= x1;
                        bool actual = ((RowBits.Shifted(bits, x >> 6, d, outside, lastMask) >> (x & 63)) & 1) == 1;
                        if (actual != expected)
                        {
                            failures.Add($"Shifted {x0}..{x1} by {d} outside {outside:X}");
                            break;
                        }
                    }
                }
            }
        }
        await Assert.That(string.Join(", ", failures.Take(5))).IsEqualTo("");
    }
}
