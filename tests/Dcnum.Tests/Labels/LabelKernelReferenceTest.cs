using Dcnum.Labels;
using Dcnum.Segmentation;

namespace Dcnum.Tests.Labels;

/// <summary>
/// The label kernels against the plain full-frame reference on random and hand-drawn masks in every
/// frame shape of <see cref="MaskCases"/>, with one scratch per shape reused for every mask (stale
/// scratch must not leak into the next frame).
/// </summary>
public class LabelKernelReferenceTest
{
    public static IEnumerable<(int H, int W)> Shapes() => MaskCases.Shapes;

    [Test]
    [MethodDataSource(nameof(Shapes))]
    public async Task Label8_RandomMasks_EqualReference(int h, int w)
    {
        var rng = new Random(h * 1000 + w);
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        var failures = new List<string>();
        for (int trial = 0; trial < 240; trial++)
        {
            bool[] mask = MaskCases.Random(rng, h, w, trial % MaskCases.RandomKinds);
            // garbage in the output buffer: every pixel must be written
            labels.AsSpan().Fill((ushort)(trial + 1));
            int count = ConnectedComponents.Label8(mask, labels, h, w, scratch);
            ushort[] expected = NaiveLabelReference.Label8(mask, h, w);
            if (!labels.AsSpan().SequenceEqual(expected) || count != Max(expected))
                failures.Add($"trial {trial} (kind {trial % MaskCases.RandomKinds})");
        }
        await Assert.That(string.Join(", ", failures.Take(5))).IsEqualTo("");
    }

    [Test]
    [MethodDataSource(nameof(Shapes))]
    public async Task Process_RandomMasksAllSettings_EqualReference(int h, int w)
    {
        var rng = new Random(h * 7919 + w);
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        var failures = new List<string>();
        for (int trial = 0; trial < 60; trial++)
        {
            bool[] mask = MaskCases.Random(rng, h, w, trial % MaskCases.RandomKinds);
            ushort[] input = NaiveLabelReference.Label8(mask, h, w);
            foreach ((bool cle, bool f, int clo) in LabelProcessorTest.AllSettings())
            {
                var settings = new MaskSettings { ClearBorder = cle, FillHoles = f, ClosingDisk = clo };
                input.CopyTo(labels, 0);
                int max = LabelProcessor.Process(labels, h, w, settings, scratch);
                ushort[] expected = NaiveLabelReference.Process(input, h, w, settings);
                if (!labels.AsSpan().SequenceEqual(expected) || max != Max(expected))
                    failures.Add($"trial {trial} (kind {trial % MaskCases.RandomKinds}) {settings.PpidKwargs}");
            }
        }
        await Assert.That(string.Join(", ", failures.Take(5))).IsEqualTo("");
    }

    // every drawn case, also mirrored and transposed, so each edge and corner gets its turn
    public static IEnumerable<(string Name, int Variant)> ShapedCases()
        => MaskCases.Shaped().SelectMany(c => Enumerable.Range(0, 4).Select(v => (c.Name, v)));

    private static string[] Variant(string[] rows, int variant) => variant switch
    {
        0 => rows,
        1 => rows.Select(r => new string(r.Reverse().ToArray())).ToArray(),
        2 => rows.Reverse().ToArray(),
        _ => Enumerable.Range(0, rows[0].Length).Select(x => new string(rows.Select(r => r[x]).ToArray())).ToArray(),
    };

    [Test]
    [MethodDataSource(nameof(ShapedCases))]
    public async Task LabelAndProcess_ShapedCasesAllSettings_EqualReference(string name, int variant)
    {
        string[] rows = Variant(MaskCases.Shaped().Single(c => c.Name == name).Rows, variant);
        int h = rows.Length, w = rows[0].Length;
        bool[] mask = MaskCases.Parse(rows);
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        var failing = new List<string>();
        int count = ConnectedComponents.Label8(mask, labels, h, w, scratch);
        ushort[] input = NaiveLabelReference.Label8(mask, h, w);
        if (!labels.AsSpan().SequenceEqual(input) || count != Max(input))
            failing.Add("label8");
        foreach ((bool cle, bool f, int clo) in LabelProcessorTest.AllSettings())
        {
            var settings = new MaskSettings { ClearBorder = cle, FillHoles = f, ClosingDisk = clo };
            input.CopyTo(labels, 0);
            int max = LabelProcessor.Process(labels, h, w, settings, scratch);
            ushort[] expected = NaiveLabelReference.Process(input, h, w, settings);
            if (!labels.AsSpan().SequenceEqual(expected) || max != Max(expected))
                failing.Add(settings.PpidKwargs);
        }
        await Assert.That(string.Join(" ", failing)).IsEqualTo("").Because($"{name}, variant {variant}");
    }

    // Labels that ConnectedComponents never makes (touching objects with different numbers, one
    // number on separate pieces): clear border removes whole label values, the binary steps see
    // only the foreground.
    public static IEnumerable<(bool ClearBorder, bool FillHoles, int ClosingDisk)> Settings() => LabelProcessorTest.AllSettings();

    [Test]
    [MethodDataSource(nameof(Settings))]
    public async Task Process_ArbitraryLabels_EqualReference(bool clearBorder, bool fillHoles, int closingDisk)
    {
        var rng = new Random(99 + closingDisk);
        var failures = new List<string>();
        var settings = new MaskSettings { ClearBorder = clearBorder, FillHoles = fillHoles, ClosingDisk = closingDisk };
        foreach ((int h, int w) in MaskCases.Shapes)
        {
            var scratch = new LabelScratch(h, w);
            var labels = new ushort[h * w];
            for (int trial = 0; trial < 30; trial++)
            {
                var input = new ushort[h * w];
                int values = rng.Next(1, 8);
                double p = rng.NextDouble();
                for (int i = 0; i < input.Length; i++)
                    input[i] = rng.NextDouble() < p ? (ushort)rng.Next(1, values + 1) : (ushort)0;
                if (trial % 5 == 0)
                    input[rng.Next(input.Length)] = ushort.MaxValue;
                input.CopyTo(labels, 0);
                int max = LabelProcessor.Process(labels, h, w, settings, scratch);
                ushort[] expected = NaiveLabelReference.Process(input, h, w, settings);
                if (!labels.AsSpan().SequenceEqual(expected) || max != Max(expected))
                    failures.Add($"{h}x{w} trial {trial}");
            }
        }
        await Assert.That(string.Join(", ", failures.Take(5))).IsEqualTo("");
    }

    // Radii of 64 and more move rows by whole words (a different branch of the opening). Two
    // overlapping blobs a little larger than the disk, clear of the frame's edges, keep a core.
    [Test]
    [Arguments(63, false)]
    [Arguments(64, true)]
    [Arguments(66, false)]
    public async Task Process_DiskOfAWordOrMore_EqualsReference(int radius, bool fillHoles)
    {
        const int h = 190, w = 200;
        var rng = new Random(radius);
        var scratch = new LabelScratch(h, w);
        var labels = new ushort[h * w];
        var mask = new bool[h * w];
        for (int b = 0; b < 2; b++)
        {
            int cy = rng.Next(90, 100), cx = rng.Next(90, 110), r = rng.Next(radius, radius + 10);
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                    mask[y * w + x] |= (y - cy) * (y - cy) + (x - cx) * (x - cx) <= r * r;
            }
        }
        ushort[] input = NaiveLabelReference.Label8(mask, h, w);
        var settings = new MaskSettings { ClearBorder = true, FillHoles = fillHoles, ClosingDisk = radius };
        input.CopyTo(labels, 0);
        int max = LabelProcessor.Process(labels, h, w, settings, scratch);
        ushort[] expected = NaiveLabelReference.Process(input, h, w, settings);
        await Assert.That(Max(expected)).IsEqualTo(1);
        await Assert.That(max).IsEqualTo(1);
        await Assert.That(labels.AsSpan().SequenceEqual(expected)).IsTrue();
    }

    internal static int Max(ushort[] labels) => labels.Length == 0 ? 0 : labels.Max();
}
