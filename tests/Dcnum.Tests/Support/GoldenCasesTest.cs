using Dcnum.Cli;
using Dcnum.Job;
using Dcnum.Read;

namespace Dcnum.Tests.Support;

/// <summary>The catalogue itself: each supported case's derived arguments give the golden's PPID, and its counts are the golden's.</summary>
public class GoldenCasesTest
{
    public static IEnumerable<GoldenCase> Cases() => GoldenCases.All;

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task DerivedArguments_GiveTheGoldenPpid_AndCounts(GoldenCase golden)
    {
        var options = ProcessOptions.Parse([SharedData.Data(golden.InputFile), .. golden.Args]);
        using (RtdcFile input = RtdcFile.Open(options.PathIn))
        {
            PipelineJob job = PipelineJob.From(options, input);
            await Assert.That(job.FullPpid).IsEqualTo(golden.Ppid);
            await Assert.That(job.Drain).IsEqualTo(golden.Drain);
            await Assert.That(input.FeatureLength("image")).IsEqualTo(golden.Frames);
        }
        using RtdcFile output = RtdcFile.Open(SharedData.Golden(golden.GoldenFile));
        await Assert.That(output.EventCount).IsEqualTo(golden.Events);
    }

    [Test]
    public async Task Catalogue_HoldsEveryThresholdGolden()
    {
        await Assert.That(GoldenCases.Threshold().Count()).IsGreaterThanOrEqualTo(10);
        await Assert.That(GoldenCases.All.Select(c => c.Background).Distinct().Order(StringComparer.Ordinal).ToArray())
            .IsEquivalentTo(new[] { "copy", "rollmed", "sparsemed" });
        // the model segmenters' goldens: torchmpo (g1, g2; drain and tap) and torchuni
        await Assert.That(GoldenCases.All.Where(c => !c.IsThreshold).Select(c => c.Segmenter).Distinct().Order(StringComparer.Ordinal).ToArray())
            .IsEquivalentTo(new[] { "torchmpo", "torchuni" });
    }
}
