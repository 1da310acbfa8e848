using Dcnum.Background;
using Dcnum.Compare;
using Dcnum.Features;
using Dcnum.Features.Brightness;
using Dcnum.Features.Contour;
using Dcnum.Features.Volume;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Features;

/// <summary>
/// Moment, brightness and volume features from each reference event's own mask, image, background
/// and bg_off, against the reference's values: relative 1e-6, absolute 1e-9, NaN equals NaN.
/// </summary>
public class FeatureGoldenTest
{
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold();

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Features_EveryEvent_MatchReference(GoldenCase goldenCase)
    {
        using var golden = RtdcFile.Open(SharedData.Golden(goldenCase.GoldenFile));
        // A tap output links its images: read them from the input, at each event's frame.
        using var input = goldenCase.Drain ? null : RtdcFile.Open(SharedData.Data(goldenCase.InputFile));
        var (h, w) = golden.ImageShape ?? (80, 400);
        int size = h * w, events = (int)golden.EventCount;
        double px = golden.PixelSize;
        long[] frames = golden.ReadInt64("basinmap0");
        double[]? bgOff = golden.HasFeature("bg_off") ? golden.ReadScalar("bg_off") : null;
        string[] names = [.. MomentFeatures.Names, .. BrightnessFeatures.Names, "volume"];
        var expected = names.ToDictionary(n => n, golden.ReadScalar);
        var tolerance = Tolerance.Default;
        var failures = new Dictionary<string, int>();
        var scratch = new ContourScratch();
        var box = new EventMask();
        var mask8 = new byte[size];
        var mask = new bool[size];
        var image = new byte[size];
        var imageBg = new byte[size];
        var corr = new short[size];
        var values = new double[names.Length];
        var histogram = new int[256];
        var brightness = new BrightnessScratch();
        var volumeScratch = new double[4096];
        for (int i = 0; i < events; i++)
        {
            golden.ReadFeatureRows<byte>("mask", i, 1, mask8);
            if (input is null)
                golden.ReadFeatureRows<byte>("image", i, 1, image);
            else
                input.ReadFeatureRows<byte>("image", frames[i], 1, image);
            golden.ReadFeatureRows<byte>("image_bg", i, 1, imageBg);
            for (int p = 0; p < size; p++)
            {
                mask[p] = mask8[p] != 0;
                corr[p] = (short)(image[p] - imageBg[p]);
            }
            box.FromFrame(mask, h, w);
            int n = ContourTracer.Trace(box, ref scratch.Contour);
            var moments = MomentFeatures.Compute(scratch.Contour, n, px, scratch);
            moments.CopyTo(values);
            double bgMed = NumpyStats.Median(imageBg, histogram);
            BrightnessFeatures.Compute(image, corr, w, box, bgOff?[i], bgMed, brightness, values.AsSpan(MomentFeatures.Names.Length));
            if (volumeScratch.Length < 2 * n + 2)
                volumeScratch = new double[2 * n + 2];
            values[^1] = VolumeFeature.Compute(scratch.Contour, n, moments.PosX, moments.PosY, px, volumeScratch);
            for (int k = 0; k < names.Length; k++)
            {
                if (!tolerance.Equal(expected[names[k]][i], values[k]))
                    failures[names[k]] = failures.GetValueOrDefault(names[k]) + 1;
            }
        }
        string report = string.Join(", ", failures.Select(f => $"{f.Key}: {f.Value}/{events}"));
        await Assert.That(report).IsEqualTo("");
    }
}
