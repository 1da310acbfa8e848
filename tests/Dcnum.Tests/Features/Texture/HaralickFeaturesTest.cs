using Dcnum.Compare;
using Dcnum.Features.Texture;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Features.Texture;

public class HaralickFeaturesTest
{
    /// <summary>Every golden case that computed the texture features.</summary>
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold().Where(c => c.Haralick);

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Compute_GoldenEvents_MatchDcnumWithinTolerance(GoldenCase goldenCase)
    {
        string goldenName = goldenCase.GoldenFile;
        using var golden = new TextureGolden(goldenName);
        int names = HaralickFeatures.Count;
        var expected = new double[names][];
        for (int f = 0; f < names; f++)
            expected[f] = golden.Feature(HaralickFeatures.Names[f]);

        var scratch = new HaralickScratch();
        var actual = new double[names];
        var maxRelative = new double[names];
        var failures = new List<string>();
        Tolerance tolerance = Tolerance.Default;
        golden.ForEachEvent((index, image, imageBg, mask) =>
        {
            HaralickFeatures.Compute(image, imageBg, mask, golden.Height, golden.Width, scratch, actual);
            for (int f = 0; f < names; f++)
            {
                double want = expected[f][index], got = actual[f];
                if (want != 0.0 && !double.IsNaN(want) && !double.IsNaN(got))
                    maxRelative[f] = Math.Max(maxRelative[f], Math.Abs(got - want) / Math.Abs(want));
                if (!tolerance.Equal(want, got) && failures.Count < 20)
                    failures.Add($"event {index} {HaralickFeatures.Names[f]}: {got:R} != {want:R}");
            }
        });

        Console.WriteLine($"{goldenName}: {golden.Count} events");
        for (int f = 0; f < names; f++)
            Console.WriteLine($"  {HaralickFeatures.Names[f]} max relative error {maxRelative[f]:E2}");
        await Assert.That(string.Join("\n", failures)).IsEmpty();
    }

    [Test]
    public async Task Names_AreTheGoldenTextureDatasets()
    {
        using var golden = new TextureGolden("cytoshot-test-data__default_dcn.rtdc");
        var inGolden = golden.TextureFeatureNames().Order(StringComparer.Ordinal).ToArray();
        await Assert.That(string.Join(",", HaralickFeatures.Names.ToArray())).IsEqualTo(string.Join(",", inGolden));
    }

    // The next four are dcnum's tests/test_feat_haralick.py cases (6×6 image_corr = arange(36)).

    [Test]
    public async Task Compute_SquareMaskOnRamp_ContrastAverageIs27point75()
    {
        double[] features = ComputeOnRamp(Square2x2(), ramp: true);
        await Assert.That(features[Index("tex_con_avg")]).IsEqualTo(27.75).Within(1e-12);
    }

    [Test]
    public async Task Compute_ConstantImage_ContrastAverageIsZero()
    {
        double[] features = ComputeOnRamp(Square2x2(), ramp: false);
        await Assert.That(features[Index("tex_con_avg")]).IsEqualTo(0.0);
    }

    [Test]
    public async Task Compute_EmptyMask_AllNaN()
    {
        double[] features = ComputeOnRamp(new bool[36], ramp: true);
        await Assert.That(features.All(double.IsNaN)).IsTrue();
    }

    [Test]
    public async Task Compute_OnePixelWideVerticalMask_AllNaN()
    {
        // no horizontal or diagonal in-mask pair: mahotas raises, dcnum keeps NaN
        var mask = new bool[36];
        mask[2 * 6 + 2] = true;
        mask[3 * 6 + 2] = true;
        double[] features = ComputeOnRamp(mask, ramp: true);
        await Assert.That(features.All(double.IsNaN)).IsTrue();
    }

    [Test]
    public async Task Compute_InMaskRangeAbove254_WrapsLikeUint8Cast()
    {
        // 3×3 mask with image_corr − min + 1 = [1 2 3; 4 256 5; 6 7 8]: uint8 turns 256 into 0,
        // so the centre drops out exactly as if it were outside the mask.
        short[] wrapped = new short[25];
        bool[] full = new bool[25];
        bool[] ring = new bool[25];
        short[] ringValues = [0, 1, 2, 3, 255, 4, 5, 6, 7];
        for (int k = 0; k < 9; k++)
        {
            int i = (1 + k / 3) * 5 + 1 + k % 3;
            wrapped[i] = ringValues[k];
            full[i] = true;
            ring[i] = k != 4;
        }
        var scratch = new HaralickScratch();
        var withWrap = new double[HaralickFeatures.Count];
        var withoutCentre = new double[HaralickFeatures.Count];
        HaralickFeatures.Compute(wrapped, full, 5, 5, scratch, withWrap);
        HaralickFeatures.Compute(wrapped, ring, 5, 5, scratch, withoutCentre);
        await Assert.That(withWrap).IsEquivalentTo(withoutCentre);
        await Assert.That(withWrap.Any(double.IsNaN)).IsFalse();
    }

    [Test]
    public async Task Compute_ScratchReusedAfterLargerEvent_SameAsFreshScratch()
    {
        using var golden = new TextureGolden("cytoshot-test-data__default_dcn.rtdc");
        var events = new List<(byte[] Image, byte[] Bg, bool[] Mask)>();
        golden.ForEachEvent((index, image, imageBg, mask) =>
        {
            if (index < 6)
                events.Add((image.ToArray(), imageBg.ToArray(), mask.ToArray()));
        });
        var reused = new HaralickScratch();
        var mismatches = 0;
        for (int round = 0; round < 2; round++)
        {
            for (int e = events.Count - 1; e >= 0; e--)
            {
                var (image, bg, mask) = events[e];
                var fromReused = new double[HaralickFeatures.Count];
                var fromFresh = new double[HaralickFeatures.Count];
                HaralickFeatures.Compute(image, bg, mask, golden.Height, golden.Width, reused, fromReused);
                HaralickFeatures.Compute(image, bg, mask, golden.Height, golden.Width, new HaralickScratch(), fromFresh);
                if (!fromReused.AsSpan().SequenceEqual(fromFresh))
                    mismatches++;
            }
        }
        await Assert.That(mismatches).IsEqualTo(0);
    }

    private static bool[] Square2x2()
    {
        var mask = new bool[36];
        foreach (int i in new[] { 14, 15, 20, 21 })
            mask[i] = true;
        return mask;
    }

    private static double[] ComputeOnRamp(bool[] mask, bool ramp)
    {
        var corr = new short[36];
        for (int i = 0; i < corr.Length; i++)
            corr[i] = ramp ? (short)i : (short)0;
        var features = new double[HaralickFeatures.Count];
        HaralickFeatures.Compute(corr, mask, 6, 6, new HaralickScratch(), features);
        return features;
    }

    private static int Index(string name) => HaralickFeatures.Names.IndexOf(name);
}
