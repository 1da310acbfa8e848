using Dcnum.Background;
using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Background;

/// <summary>rollmed against dcnum's outputs: every event's background image identical.</summary>
public class RollingMedianGoldenTest
{
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold().Where(c => c.Background == "rollmed");

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Compute_EveryEventBackgroundIdenticalToReference(GoldenCase goldenCase)
    {
        using var input = RtdcFile.Open(SharedData.Data(goldenCase.InputFile));
        using var golden = RtdcFile.Open(SharedData.Golden(goldenCase.GoldenFile));
        var (h, w) = input.ImageShape!.Value;
        int size = h * w;
        var ours = new byte[goldenCase.Frames * size];
        long next = 0;
        RollingMedianBackground.Compute(input, RollMedSettings.Default, (first, images, count) =>
        {
            if (first != next)
                throw new InvalidOperationException($"chunk at {first}, expected {next}");
            images[..(count * size)].CopyTo(ours.AsSpan((int)first * size));
            next += count;
        });
        await Assert.That(next).IsEqualTo(goldenCase.Frames);
        long[] frameOfEvent = golden.ReadInt64("basinmap0");
        var theirs = new byte[size];
        int mismatches = 0;
        for (int i = 0; i < frameOfEvent.Length; i++)
        {
            golden.ReadFeatureRows<byte>("image_bg", i, 1, theirs);
            if (!ours.AsSpan((int)frameOfEvent[i] * size, size).SequenceEqual(theirs))
                mismatches++;
        }
        await Assert.That(frameOfEvent.Length).IsEqualTo(3461);
        await Assert.That(mismatches).IsEqualTo(0);
    }

    [Test]
    public async Task Compute_SlidingHistogram_EqualsSortedWindowsOnNoise()
    {
        // Independent check of the sliding update on a small random stack (incl. ties and extremes).
        using var temp = new TempDirectory("dcnum-rollmed-");
        string dir = temp.Path;
        const int n = 37, h = 3, w = 5, k = 6;
        var rng = new Random(11);
        var frames = new byte[n * h * w];
        for (int i = 0; i < frames.Length; i++)
            frames[i] = (byte)(rng.Next(4) == 0 ? rng.Next(256) : 100 + rng.Next(3));
        string path = Path.Combine(dir, "noise.rtdc");
        using (var writer = new Dcnum.Write.RtdcWriter(path))
        {
            writer.AppendImages("image", frames, n, h, w);
            writer.Commit();
        }
        using var file = RtdcFile.Open(path);
        var ours = new byte[n * h * w];
        RollingMedianBackground.Compute(file, new RollMedSettings(k, 10), (first, images, count) =>
            images[..(count * h * w)].CopyTo(ours.AsSpan((int)first * h * w)));
        var window = new byte[k];
        bool equal = true;
        for (int i = 0; i < n; i++)
        {
            int start = Math.Min(i, n - k - 1); // the last k frames repeat frame n−k−1's image
            for (int p = 0; p < h * w; p++)
            {
                for (int j = 0; j < k; j++)
                    window[j] = frames[(start + j) * h * w + p];
                Array.Sort(window);
                equal &= ours[i * h * w + p] == window[k / 2];
            }
        }
        await Assert.That(equal).IsTrue();
    }

    [Test]
    public async Task Compute_FewerFramesThanKernel_IsRefusedNamingTheFile()
    {
        using var input = RtdcFile.Open(SharedData.Data("cytoshot-test-data.rtdc")); // 40 frames
        var ex = Assert.Throws<DcnumException>(() => RollingMedianBackground.Compute(input, RollMedSettings.Default, (_, _, _) => { }));
        await Assert.That(ex.Message).Contains("cytoshot-test-data.rtdc");
        await Assert.That(ex.Message).Contains("kernel_size is 100");
    }

    [Test]
    public async Task Settings_PpidAndValidation_FollowReference()
    {
        await Assert.That(RollMedSettings.Default.Ppid).IsEqualTo("rollmed:k=100^b=10000");
        Assert.Throws<UsageException>(() => RollMedSettings.Parse([new("kernel_size", "101")]));
        Assert.Throws<UsageException>(() => RollMedSettings.Parse([new("batch_size", "50")]));
        await Assert.That(RollMedSettings.Parse([new("kernel_size", "50")]).Ppid).IsEqualTo("rollmed:k=50^b=10000");
    }
}
