using Dcnum.Background;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Background;

/// <summary>Cases from dcnum's tests/test_read_detect_flicker.py, on the same synthetic stacks.</summary>
public class FlickerDetectionTest
{
    private const int Frames = 500, Height = 80, Width = 320;
    private static readonly int[] s_flickerFrames = [4, 9, 10, 23, 439];

    private static double[] Medians(int frames, Func<int, int, int> pixel)
    {
        var frame = new byte[Height * Width];
        var medians = new double[frames];
        for (int f = 0; f < frames; f++)
        {
            for (int y = 0; y < Height; y++)
                frame.AsSpan(y * Width, Width).Fill((byte)pixel(f, y));
            medians[f] = FlickerDetection.RoiMedian(frame, Height, Width, 10);
        }
        return medians;
    }

    private static int Flicker(int f, int y, int rowsFrom, int rowsTo)
        => 145 + (Array.IndexOf(s_flickerFrames, f) >= 0 && y >= rowsFrom && y < rowsTo ? 5 : 0);

    [Test]
    public async Task Decide_FiveBrightFrames_FollowsThresholds()
    {
        double[] m = Medians(Frames, (f, y) => Flicker(f, y, 0, Height));
        await Assert.That(FlickerDetection.Decide(m, 5, 5)).IsTrue();
        await Assert.That(FlickerDetection.Decide(m, 5, 6)).IsFalse();
        await Assert.That(FlickerDetection.Decide(m, 6, 5)).IsFalse();
        await Assert.That(FlickerDetection.Decide(m.AsSpan(0, 400), 5, 5)).IsFalse(); // max_frames=400
    }

    [Test]
    public async Task Decide_NoFlicker_IsFalse()
        => await Assert.That(FlickerDetection.Decide(Medians(Frames, (_, _) => 145), 5, 5)).IsFalse();

    [Test]
    public async Task Decide_ChangeOutsideRoi_IsIgnored()
        => await Assert.That(FlickerDetection.Decide(Medians(Frames, (f, y) => Flicker(f, y, 11, Height)), 5, 5)).IsFalse();

    [Test]
    public async Task Decide_ChangeOnlyInsideRoi_IsFlicker()
        => await Assert.That(FlickerDetection.Decide(Medians(Frames, (f, y) => Flicker(f, y, 0, 10)), 5, 5)).IsTrue();

    [Test]
    public async Task RoiMedian_EvenCount_AveragesMiddleValues()
    {
        var frame = new byte[2 * 4];
        frame[0] = 1; frame[1] = 2; frame[2] = 3; frame[3] = 10; // row 0 (ROI height 1): median (2+3)/2
        await Assert.That(FlickerDetection.RoiMedian(frame, 2, 4, 1)).IsEqualTo(2.5);
    }

    // dcnum's test concatenates this measurement 25 times (1000 frames): no flicker by default, flicker at
    // brightness_threshold=1. Repeating frames 25× keeps the median of medians and multiplies the count by
    // 25, so on the 40 frames themselves that is: no frame off by ≥ 2.5, and at least one off by ≥ 1.
    [Test]
    public async Task Detect_CytoshotMeasurement_MatchesReferenceTest()
    {
        using var file = RtdcFile.Open(SharedData.Data("cytoshot-test-data.rtdc"));
        await Assert.That(FlickerDetection.Detect(file, countThreshold: 1)).IsFalse();
        await Assert.That(FlickerDetection.Detect(file, brightnessThreshold: 1, countThreshold: 1)).IsTrue();
    }

    // reference.md: chipstream-cli's flicker detection says "no flicker" (o=0) for all shared inputs.
    [Test]
    [Arguments("bench_2000.rtdc")]
    [Arguments("cytoshot-test-data.rtdc")]
    [Arguments("cytoshot-test-data-legacy_dce.rtdc")]
    [Arguments("dcnum_thresh_example.rtdc")]
    [Arguments("file_with_variable_length_logs.rtdc")]
    public async Task Detect_SharedInputs_NoFlicker(string name)
    {
        using var file = RtdcFile.Open(SharedData.Data(name));
        await Assert.That(FlickerDetection.Detect(file)).IsFalse();
    }
}
