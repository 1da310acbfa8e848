using Dcnum.Labels;
using Dcnum.Segmentation;
using Dcnum.Tests.Segmentation;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Labels;

/// <summary>
/// The mask kernels against plain references on real frames: every frame of every golden input
/// whose background is known is thresholded (vs dcnum's float64 comparison pixel by pixel),
/// labelled and processed with the defaults (vs <see cref="NaiveLabelReference"/>, every label
/// value); every 32nd frame also with every other mask setting.
/// </summary>
public class GoldenFrameKernelTest
{
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold();

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Kernels_GoldenFrames_EqualReference(GoldenCase golden)
    {
        using var source = new GoldenFrameSource(golden.Name);
        double thresh = golden.Thresh;
        int h = source.Height, w = source.Width, size = source.FrameSize;
        var scratch = new LabelScratch(h, w);
        var imageBg = new byte[size];
        var corr = new short[size];
        var mask = new bool[size];
        var labels = new ushort[size];
        var failures = new List<string>();
        int frames = 0, objects = 0, pixels = 0;
        for (int f = 0; f < source.FrameCount; f++)
        {
            if (!source.TryBackground(f, imageBg))
                continue;
            ReadOnlySpan<byte> image = source.Image(f);
            double bgOff = source.UsesBgOff ? MaskStageParityTest.SparseMedianBgOff(image, imageBg, w) : 0.0;
            for (int i = 0; i < size; i++)
                corr[i] = (short)(image[i] - imageBg[i]);
            ThresholdSegmenter.Segment(corr, bgOff, mask, thresh);
            for (int i = 0; i < size; i++)
            {
                if (mask[i] != ((double)corr[i] - bgOff < thresh))
                {
                    failures.Add($"frame {f}: threshold differs at pixel {i}");
                    break;
                }
                pixels += mask[i] ? 1 : 0;
            }
            labels.AsSpan().Fill(0xABCD);
            int count = ConnectedComponents.Label8(mask, labels, h, w, scratch);
            ushort[] expected = NaiveLabelReference.Label8(mask, h, w);
            if (!labels.AsSpan().SequenceEqual(expected) || count != LabelKernelReferenceTest.Max(expected))
                failures.Add($"frame {f}: labels differ");
            objects += count;
            frames++;
            foreach ((bool cle, bool fill, int clo) in LabelProcessorTest.AllSettings())
            {
                var settings = new MaskSettings { ClearBorder = cle, FillHoles = fill, ClosingDisk = clo };
                if (settings != MaskSettings.Default && f % 32 != 0)
                    continue;
                expected.CopyTo(labels, 0);
                int max = LabelProcessor.Process(labels, h, w, settings, scratch);
                ushort[] processed = NaiveLabelReference.Process(expected, h, w, settings);
                if (!labels.AsSpan().SequenceEqual(processed) || max != LabelKernelReferenceTest.Max(processed))
                    failures.Add($"frame {f}: processed labels differ ({settings.PpidKwargs})");
            }
        }
        Console.WriteLine($"{golden}: {frames} frames, {pixels} mask pixels, {objects} objects before processing");
        await Assert.That(string.Join("; ", failures.Take(5))).IsEqualTo("");
        await Assert.That(frames).IsGreaterThan(0);
    }
}
