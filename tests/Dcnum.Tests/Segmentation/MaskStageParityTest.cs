using Dcnum.Labels;
using Dcnum.Segmentation;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation;

/// <summary>
/// Stage parity with dcnum's golden runs: for every input frame whose background is known, threshold
/// -> label -> process -> duplicate check -> mask gate gives exactly the golden events' masks of that
/// frame (count, order, pixels); frames without golden events give no masks.
/// </summary>
public class MaskStageParityTest
{
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold();

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Masks_GoldenRun_EqualReferenceEvents(GoldenCase golden)
    {
        using var source = new GoldenFrameSource(golden.Name);
        double thresh = golden.Thresh;
        var segmenter = new SegmenterSettings { Thresh = thresh };
        var mask = MaskSettings.Default;
        await Assert.That(ThresholdSegmenter.Ppid(segmenter, mask)).IsEqualTo(source.SegmenterPpid);

        int h = source.Height, w = source.Width, size = source.FrameSize;
        var scratch = new LabelScratch(h, w);
        var imageBg = new byte[size];
        var corr = new short[size];
        var binary = new bool[size];
        var labels = new ushort[size];
        var kept = new LabelBox[ushort.MaxValue];
        var gateScratch = new MaskGateScratch();
        var goldenMasks = new byte[64 * size];
        var goldenImage = new byte[size];

        int framesChecked = 0, framesSkipped = 0, eventsMatched = 0, duplicates = 0, suppressed = 0, bgOffChecked = 0;
        var mismatches = new List<string>();
        for (int f = 0; f < source.FrameCount; f++)
        {
            ReadOnlySpan<byte> image = source.Image(f);
            int first = source.FirstEvent[f];
            int expected = source.EventsOfFrame[f];
            if (expected > 0 && source.HasGoldenImage)
            {
                source.ReadGoldenImage(first, goldenImage);
                if (!image.SequenceEqual(goldenImage))
                    mismatches.Add($"frame {f}: drained image differs from the input frame");
            }
            if (expected > 0 && source.NEvents[first] != expected)
                mismatches.Add($"frame {f}: nevents {source.NEvents[first]} but {expected} events");
            if (!source.TryBackground(f, imageBg))
            {
                framesSkipped++;
                continue;
            }
            double bgOff = 0;
            if (source.UsesBgOff)
            {
                bgOff = SparseMedianBgOff(image, imageBg, w);
                if (expected > 0)
                {
                    bgOffChecked++;
                    if (bgOff != source.GoldenBgOff(f))
                        mismatches.Add($"frame {f}: bg_off {bgOff:R} != golden {source.GoldenBgOff(f):R}");
                }
            }
            for (int i = 0; i < size; i++)
                corr[i] = (short)(image[i] - imageBg[i]);

            ThresholdSegmenter.Segment(corr, bgOff, binary, thresh);
            ConnectedComponents.Label8(binary, labels, h, w, scratch);
            int maxLabel = LabelProcessor.Process(labels, h, w, mask, scratch);
            int n = MaskGate.KeptLabels(labels, w, maxLabel, MaskGate.DefaultSizeThreshMask, gateScratch, kept);
            if (DuplicateFrames.IsDuplicate(f, image, f > 0 ? source.Image(f - 1) : default))
            {
                // dcnum segments a duplicate frame but emits no events for it
                duplicates++;
                suppressed += n;
                n = 0;
            }

            framesChecked++;
            if (n != expected)
            {
                mismatches.Add($"frame {f}: {n} masks, golden {expected}");
                continue;
            }
            if (n == 0)
                continue;
            source.ReadGoldenMasks(first, n, goldenMasks.AsSpan(0, n * size));
            for (int k = 0; k < n; k++)
            {
                ReadOnlySpan<byte> g = goldenMasks.AsSpan(k * size, size);
                int diff = 0;
                for (int i = 0; i < size; i++)
                {
                    if ((labels[i] == kept[k].Label) != (g[i] != 0))
                        diff++;
                }
                if (diff == 0)
                    eventsMatched++;
                else
                    mismatches.Add($"frame {f} event {k}: {diff} pixels differ");
            }
        }
        Console.WriteLine($"{golden}: frames {source.FrameCount}, checked {framesChecked}, skipped {framesSkipped} "
                          + $"(background unknown), duplicates {duplicates} (masks suppressed {suppressed}), bg_off checked {bgOffChecked}, "
                          + $"events matched {eventsMatched}/{source.EventCount}");
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "dcnum-mask-parity.txt"),
            $"{golden}\tframes {source.FrameCount}\tchecked {framesChecked}\tskipped {framesSkipped}\tduplicates {duplicates}\tsuppressed {suppressed}\tbg_off checked {bgOffChecked}\tevents {eventsMatched}/{source.EventCount}\n");

        await Assert.That(string.Join("; ", mismatches.Take(10))).IsEqualTo("");
        // every event frame has a known background, so every golden event must have been matched
        await Assert.That(eventsMatched).IsEqualTo(source.EventCount);
    }

    /// <summary>
    /// dcnum <c>BackgroundSparseMed</c> offset correction: mean of the top 20 rows of the frame minus
    /// the same of its background image (float64 sums of uint8, exact).
    /// </summary>
    internal static double SparseMedianBgOff(ReadOnlySpan<byte> image, ReadOnlySpan<byte> imageBg, int width)
    {
        int rows = Math.Min(20, image.Length / width);
        long sumImage = 0, sumBg = 0;
        for (int i = 0; i < rows * width; i++)
        {
            sumImage += image[i];
            sumBg += imageBg[i];
        }
        double n = rows * width;
        return sumImage / n - sumBg / n;
    }
}
