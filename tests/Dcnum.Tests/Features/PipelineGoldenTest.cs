using Dcnum.Background;
using Dcnum.Compare;
using Dcnum.Features;
using Dcnum.Features.Gating;
using Dcnum.Labels;
using Dcnum.Read;
using Dcnum.Segmentation;
using Dcnum.Tests.Support;


namespace Dcnum.Tests.Features;

/// <summary>
/// The stages chained as the pipeline runs them, from the raw input file: sparsemed → thresh →
/// 8-connected labels → mask processing → duplicate-frame rule → extractor. Every event of the
/// reference output must come out in the same order, with the same mask and every feature
/// (moments, brightness, Haralick texture, volume).
/// </summary>
public class PipelineGoldenTest
{
    /// <summary>The cases this chain reproduces: sparsemed with offset correction (as <see cref="SegmentedFrames"/> runs it) and every feature.</summary>
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold().Where(c => c.Background == "sparsemed" && c.OffsetCorrection && c.Haralick);

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Pipeline_FromInput_EventsEqualReference(GoldenCase goldenCase)
    {
        using var input = RtdcFile.Open(SharedData.Data(goldenCase.InputFile));
        using var golden = RtdcFile.Open(SharedData.Golden(goldenCase.GoldenFile));
        double thresh = goldenCase.Thresh;
        var (h, w) = input.ImageShape!.Value;
        int size = h * w;
        var extractor = new FeatureExtractor(FeatureSettings.Default, GateSettings.DefaultSizeThreshMask, BoxGate.None, input.PixelSize, h, w, new Dcnum.Features.Texture.HaralickTexture());
        var batch = extractor.NewBatch();
        var previous = new byte[size];
        SegmentedFrames.ForEach(input, thresh, (f, image, bg, corr, bgOff, labels, max) =>
        {
            bool duplicate = DuplicateFrames.IsDuplicate(f, image, previous);
            image.CopyTo(previous, 0);
            if (!duplicate)
                extractor.ExtractFrame(f, image, bg, corr, bgOff, labels, max, batch);
        });

        await Assert.That(batch.Count).IsEqualTo((int)golden.EventCount);
        await Assert.That(batch.Frames.ToArray().SequenceEqual(golden.ReadInt64("basinmap0"))).IsTrue();
        var goldenMask = new byte[size];
        int maskMismatches = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            golden.ReadFeatureRows<byte>("mask", i, 1, goldenMask);
            ReadOnlySpan<bool> ours = batch.Masks.Slice(i * size, size);
            for (int p = 0; p < size; p++)
            {
                if (ours[p] != (goldenMask[p] != 0))
                {
                    maskMismatches++;
                    break;
                }
            }
        }
        await Assert.That(maskMismatches).IsEqualTo(0);
        var tolerance = Tolerance.Default;
        var failures = new List<string>();
        for (int k = 0; k < extractor.FeatureNames.Count; k++)
        {
            double[] expected = golden.ReadScalar(extractor.FeatureNames[k]);
            int bad = 0;
            for (int i = 0; i < batch.Count; i++)
                bad += tolerance.Equal(expected[i], batch.Value(i, k)) ? 0 : 1;
            if (bad > 0)
                failures.Add($"{extractor.FeatureNames[k]}: {bad}");
        }
        await Assert.That(string.Join(", ", failures)).IsEqualTo("");
        await Assert.That(extractor.MasksDropped).IsEqualTo(0L);
    }
}
