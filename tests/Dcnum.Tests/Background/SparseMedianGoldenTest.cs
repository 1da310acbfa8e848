using Dcnum.Background;
using Dcnum.Compare;
using Dcnum.Read;
using Dcnum.Tests.Support;
using PureHDF;
using PureHDF.VOL.Native;

namespace Dcnum.Tests.Background;

/// <summary>sparsemed against dcnum's outputs: the same kept images in the same order, the same image and bg_off for every event.</summary>
public class SparseMedianGoldenTest
{
    /// <summary>The sparsemed cases with offset correction (the default settings below).</summary>
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold().Where(c => c.Background == "sparsemed" && c.OffsetCorrection);

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Compute_DefaultSettings_MatchesReferenceForEveryEvent(GoldenCase goldenCase)
    {
        using var input = RtdcFile.Open(SharedData.Data(goldenCase.InputFile));
        using var golden = RtdcFile.Open(SharedData.Golden(goldenCase.GoldenFile));
        SparseMedianResult ours = SparseMedianBackground.Compute(input, SparseMedSettings.Default);

        var goldenImages = (NativeDataset)IH5GroupExtensions.Group(golden.Native, "basin_events").Dataset("image_bg");
        int m = (int)goldenImages.Space.Dimensions[0];
        int size = ours.Height * ours.Width;
        var theirs = new byte[m * size];
        RtdcFile.ReadRows<byte>(goldenImages, 0, m, theirs);
        await Assert.That(ours.ImageCount).IsEqualTo(m);
        await Assert.That(ours.Images.AsSpan().SequenceEqual(theirs)).IsTrue();

        long[] frameOfEvent = golden.ReadInt64("basinmap0");
        long[] imageOfEvent = golden.ReadInt64("basinmap1");
        double[] bgOff = golden.ReadScalar("bg_off");
        int mismatches = 0;
        double worstOffset = 0;
        for (int i = 0; i < frameOfEvent.Length; i++)
        {
            if (ours.Mapping[frameOfEvent[i]] != imageOfEvent[i])
                mismatches++;
            worstOffset = Math.Max(worstOffset, Math.Abs(ours.BgOff![frameOfEvent[i]] - bgOff[i]));
        }
        await Assert.That(mismatches).IsEqualTo(0);
        await Assert.That(worstOffset).IsLessThanOrEqualTo(Tolerance.Default.Absolute);
    }

    [Test]
    public async Task Ppid_Default_IsReferenceString()
        => await Assert.That(SparseMedSettings.Default.Ppid).IsEqualTo("sparsemed:k=200^s=1^t=0^f=0.8^o=1");

    [Test]
    public async Task Parse_Kwargs_TypedAndValidated()
    {
        var s = SparseMedSettings.Parse([new("kernel_size", "100"), new("split_time", "0.5"), new("offset_correction", "no")]);
        await Assert.That(s.Ppid).IsEqualTo("sparsemed:k=100^s=0.5^t=0^f=0.8^o=0");
        var ex = Assert.Throws<Dcnum.Common.UsageException>(() => SparseMedSettings.Parse([new("frac_cleansing", "1.5")]));
        await Assert.That(ex.Message).Contains("frac_cleansing");
        var unknown = Assert.Throws<Dcnum.Common.UsageException>(() => SparseMedSettings.Parse([new("kernel", "5")]));
        await Assert.That(unknown.Message).Contains("kernel");
    }
}
