using Dcnum.Background;
using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Background;

/// <summary>The copy background against dcnum's outputs: every event's background is its frame's input image_bg, and there is no bg_off.</summary>
public class CopyBackgroundGoldenTest
{
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold().Where(c => c.Background == "copy");

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Compute_ImagesEqualReferenceEvents(GoldenCase goldenCase)
    {
        using var input = RtdcFile.Open(SharedData.Data(goldenCase.InputFile));
        using var golden = RtdcFile.Open(SharedData.Golden(goldenCase.GoldenFile));
        var (h, w) = input.ImageShape!.Value;
        int size = h * w;
        var ours = new byte[goldenCase.Frames * size];
        CopyBackground.Compute(input, (first, images, count) => images[..(count * size)].CopyTo(ours.AsSpan((int)first * size)));
        long[] frameOfEvent = golden.ReadInt64("basinmap0");
        var theirs = new byte[size];
        int mismatches = 0;
        for (int i = 0; i < frameOfEvent.Length; i++)
        {
            golden.ReadFeatureRows<byte>("image_bg", i, 1, theirs);
            mismatches += ours.AsSpan((int)frameOfEvent[i] * size, size).SequenceEqual(theirs) ? 0 : 1;
        }
        await Assert.That(frameOfEvent.LongLength).IsEqualTo(goldenCase.Events);
        await Assert.That(mismatches).IsEqualTo(0);
        await Assert.That(CopyBackground.BgOff(input)).IsNull();
        await Assert.That(golden.HasFeature("bg_off")).IsFalse();
    }

    [Test]
    public async Task Validate_InputWithoutBackground_IsOneLineError()
    {
        using var input = RtdcFile.Open(SharedData.Data("bench_2000.rtdc"));
        var ex = Assert.Throws<DcnumException>(() => CopyBackground.Validate(input));
        await Assert.That(ex.Message).StartsWith(input.Path);
    }
}
