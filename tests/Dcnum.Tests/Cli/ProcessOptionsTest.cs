using Dcnum.Cli;
using Dcnum.Read;
using Dcnum.Common;

namespace Dcnum.Tests.Cli;

public class ProcessOptionsTest
{
    [Test]
    public async Task Parse_OnlyInput_HasChipstreamDefaults()
    {
        var o = ProcessOptions.Parse(["in.rtdc"]);
        await Assert.That(o.PathIn).IsEqualTo("in.rtdc");
        await Assert.That(o.PathOut).IsNull();
        await Assert.That(o.BackgroundMethod).IsEqualTo("sparsemed");
        await Assert.That(o.SegmentationMethod).IsEqualTo("thresh");
        await Assert.That(o.Compression).IsEqualTo("zstd-5");
        await Assert.That(o.DrainBasins).IsFalse();
        await Assert.That(o.PixelSize).IsEqualTo(0.0);
        await Assert.That(o.LimitEvents.IsNone).IsTrue();
        await Assert.That(o.NumCpus).IsEqualTo(Environment.ProcessorCount);
    }

    [Test]
    public async Task Parse_TorchSegmenterAndSkipValidation_AreTaken()
    {
        var o = ProcessOptions.Parse(["in.rtdc", "-s", "TorchMPO", "-ks", "model_file=m_910c2.dcnm", "--skip-validation"]);
        await Assert.That(o.SegmentationMethod).IsEqualTo("torchmpo");
        await Assert.That(o.SkipValidation).IsTrue();
        await Assert.That(ProcessOptions.Parse(["in.rtdc"]).SkipValidation).IsFalse();
    }

    [Test]
    public async Task Parse_EveryOption_IsTaken()
    {
        var o = ProcessOptions.Parse([
            "-b", "RollMed", "-kb", "kernel_size=50", "-s", "thresh", "-ks", "thresh=-3", "-ks", "closing_disk=0",
            "-kf", "haralick=false", "-kg", "size_thresh_mask=5", "-p", "0.34", "--limit-events", "5000-7000-2",
            "--drain-basins", "-c", "zstd-1", "--num-cpus", "1", "--dry-run", "--debug", "--force", "--progress=json",
            "in.rtdc", "out.rtdc"]);
        await Assert.That(o.BackgroundMethod).IsEqualTo("rollmed");
        await Assert.That(o.BackgroundKwargs[0]).IsEqualTo(new KeyValuePair<string, string>("kernel_size", "50"));
        await Assert.That(o.SegmentationKwargs.Count).IsEqualTo(2);
        await Assert.That(o.SegmentationKwargs[1].Value).IsEqualTo("0");
        await Assert.That(o.FeatureKwargs[0].Key).IsEqualTo("haralick");
        await Assert.That(o.GateKwargs[0].Value).IsEqualTo("5");
        await Assert.That(o.PixelSize).IsEqualTo(0.34);
        await Assert.That(o.LimitEvents).IsEqualTo(new LimitEvents(null, 5000, 7000, 2, true));
        await Assert.That(o.DrainBasins).IsTrue();
        await Assert.That(o.Compression).IsEqualTo("zstd-1");
        await Assert.That(o.NumCpus).IsEqualTo(1);
        await Assert.That(o.DryRun).IsTrue();
        await Assert.That(o.Debug && o.Verbose && o.Force).IsTrue();
        await Assert.That(o.Progress).IsEqualTo("json");
        await Assert.That(o.PathOut).IsEqualTo("out.rtdc");
    }

    [Test]
    [Arguments("0", null, null, null, null, false)]
    [Arguments("5000", 5000L, null, null, null, false)]
    [Arguments("5000-7000", null, 5000L, 7000L, null, true)]
    [Arguments("n-7000-2", null, null, 7000L, 2L, true)]
    public async Task LimitEvents_Parse_FollowsChipstream(string text, long? count, long? start, long? stop, long? step, bool isSlice)
        => await Assert.That(LimitEvents.Parse(text)).IsEqualTo(new LimitEvents(count, start, stop, step, isSlice));

    [Test]
    [Arguments("-b", "median")]
    [Arguments("-kb", "kernel_size")]
    [Arguments("-c", "zstd-10")]
    [Arguments("-c", "gzip")]
    [Arguments("--limit-events", "1-2-3-4")]
    [Arguments("--limit-events", "a-b")]
    [Arguments("--limit-events", "1-5-0")]
    [Arguments("-p", "abc")]
    [Arguments("--num-cpus", "two")]
    [Arguments("--frobnicate", "x")]
    public async Task Parse_BadValue_IsUsageErrorNamingTheOption(string option, string value)
    {
        var ex = Assert.Throws<UsageException>(() => ProcessOptions.Parse([option, value, "in.rtdc"]));
        await Assert.That(ex.Message).Contains(option);
    }

    [Test]
    public async Task Parse_NumCpusAboveCores_IsClamped()
        => await Assert.That(ProcessOptions.Parse(["--num-cpus", "4096", "in.rtdc"]).NumCpus).IsEqualTo(Environment.ProcessorCount);

    [Test]
    public async Task Parse_NoInput_IsUsageError()
    {
        var ex = Assert.Throws<UsageException>(() => ProcessOptions.Parse(["--dry-run"]));
        await Assert.That(ex.Message).Contains("PATH_IN");
    }
}
