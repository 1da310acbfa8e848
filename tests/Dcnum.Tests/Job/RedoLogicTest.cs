using Dcnum.Cli;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Job;

/// <summary>
/// dcnum's redo logic on an input that the reference already processed (the golden outputs):
/// nothing is recomputed when every identifier, the hash and the yield match; the background is
/// reused when only segmentation, features or gate differ; a broken yield forces segmentation.
/// </summary>
public class RedoLogicTest
{
    private const string Processed = "cytoshot-test-data__default_dcn.rtdc";
    private static readonly string[] s_sameSettings = ["-kb", "offset_correction=true"];

    private static (int Rc, string StdErr) Process(string input, string output, params string[] args)
    {
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", input, output, .. args, "--progress", "none"], new StringWriter(), stderr);
        return (rc, stderr.ToString());
    }

    private static string[] Log(RtdcFile file, string prefix)
        => file.Logs.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Last().Value;

    [Test]
    public async Task SamePipeline_DrainCopiesTheInput_NothingRecomputed()
    {
        using var temp = new TempDirectory("dcnum-redo-");
        string output = Path.Combine(temp.Path, "again.rtdc");
        var (rc, stderr) = Process(SharedData.Golden(Processed), output, [.. s_sameSettings, "--drain-basins"]);
        await Assert.That(stderr).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);

        using (RtdcFile again = RtdcFile.Open(output))
        {
            string log = string.Join('\n', Log(again, "dcnum-log-"));
            await Assert.That(log).DoesNotContain("Starting background computation");
            await Assert.That(log).DoesNotContain("Starting segmentation and feature extraction");
            string job = string.Join('\n', Log(again, "dcnum-job-"));
            await Assert.That(job).Contains("\"background\": false");
            await Assert.That(job).Contains("\"segmentation\": false");
            // Not re-identified: no second _dcn-… suffix.
            using RtdcFile golden = RtdcFile.Open(SharedData.Golden(Processed));
            await Assert.That(again.AttributeText("experiment:run identifier")).IsEqualTo(golden.AttributeText("experiment:run identifier"));
        }
        // Events, masks, features, basins, attributes: the reference's; only our two logs are new, and
        // the copied logs carry a "software" attribute (dcnum 0.31.0 on a redo of its own output
        // writes one on its copied dcnum-job/dcnum-log logs too).
        var compareOut = new StringWriter();
        CommandLine.Run(["compare", SharedData.Golden(Processed), output], compareOut, new StringWriter());
        string[] lines = compareOut.ToString().TrimEnd().Split('\n');
        await Assert.That(lines.Length).IsEqualTo(5);
        await Assert.That(lines[0]).IsEqualTo("log dcnum-job-<time>#2: not in the reference");
        await Assert.That(lines[1]).IsEqualTo("log dcnum-log-<time>#2: not in the reference");
        await Assert.That(lines[2]).StartsWith("dataset-attribute logs/dcnum-job-");
        await Assert.That(lines[3]).StartsWith("dataset-attribute logs/dcnum-log-");
        await Assert.That(lines[4]).StartsWith("different: 4 difference(s) in 55 events, 57 datasets");
    }

    [Test]
    public async Task SamePipeline_TapLinksTheInput()
    {
        using var temp = new TempDirectory("dcnum-redo-tap-");
        string output = Path.Combine(temp.Path, "again.rtdc");
        var (rc, stderr) = Process(SharedData.Golden(Processed), output, s_sameSettings);
        await Assert.That(stderr).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);
        using RtdcFile again = RtdcFile.Open(output);
        using RtdcFile golden = RtdcFile.Open(SharedData.Golden(Processed));
        await Assert.That(again.EventCount).IsEqualTo(55L);
        await Assert.That(again.HasInnateFeature("deform")).IsFalse();
        // Every feature reads through the basin, with the reference's values.
        await Assert.That(again.ReadScalar("deform")).IsEquivalentTo(golden.ReadScalar("deform"));
        var (h, w) = golden.ImageShape!.Value;
        var a = new byte[55 * h * w];
        var b = new byte[a.Length];
        again.ReadFeatureRows<byte>("mask", 0, 55, a);
        golden.ReadFeatureRows<byte>("mask", 0, 55, b);
        await Assert.That(a.AsSpan().SequenceEqual(b)).IsTrue();
    }

    [Test]
    public async Task OtherThreshold_ReusesTheBackground_AndSegmentsAgain()
    {
        using var temp = new TempDirectory("dcnum-redo-seg-");
        string reused = Path.Combine(temp.Path, "reused.rtdc");
        string copied = Path.Combine(temp.Path, "copied.rtdc");
        var (rc, stderr) = Process(SharedData.Golden(Processed), reused, [.. s_sameSettings, "--drain-basins", "-ks", "thresh=-3"]);
        await Assert.That(stderr).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);
        // The same frames with background method "copy" (the input's image_bg and bg_off) must give the same events.
        (rc, stderr) = Process(SharedData.Golden(Processed), copied, ["-b", "copy", "--drain-basins", "-ks", "thresh=-3"]);
        await Assert.That(rc).IsEqualTo(0);

        using RtdcFile r = RtdcFile.Open(reused);
        using RtdcFile c = RtdcFile.Open(copied);
        string log = string.Join('\n', Log(r, "dcnum-log-"));
        await Assert.That(log).DoesNotContain("Starting background computation");
        await Assert.That(log).Contains("Starting segmentation and feature extraction");
        string job = string.Join('\n', Log(r, "dcnum-job-"));
        await Assert.That(job).Contains("\"background\": false");
        await Assert.That(job).Contains("\"segmentation\": true");
        await Assert.That(r.AttributeText("pipeline:dcnum background")).IsEqualTo("sparsemed:k=200^s=1^t=0^f=0.8^o=1");
        await Assert.That(r.AttributeText("pipeline:dcnum segmenter")).IsEqualTo("thresh:t=-3:cle=1^f=1^clo=2");
        await Assert.That(r.EventCount).IsGreaterThan(0L);
        await Assert.That(r.EventCount).IsEqualTo(c.EventCount);
        foreach (string feature in new[] { "deform", "area_um", "bg_off", "tex_con_avg", "basinmap0" })
            await Assert.That(r.ReadScalar(feature)).IsEquivalentTo(c.ReadScalar(feature));
    }

    [Test]
    public async Task BrokenYield_ForcesSegmentation()
    {
        using var temp = new TempDirectory("dcnum-redo-yield-");
        string input = Path.Combine(temp.Path, "edited.rtdc");
        File.Copy(SharedData.Golden(Processed), input);
        string script = Path.Combine(temp.Path, "edit.py");
        await File.WriteAllTextAsync(script, "import h5py, sys\nf = h5py.File(sys.argv[1], 'a')\nf.attrs['pipeline:dcnum yield'] = 111111\nf.close()\n");
        var edit = await DcnumBinary.RunAsync("bash", [SharedData.Tool("h5-interop.sh"), "python3", script, input], TimeSpan.FromMinutes(5));
        await Assert.That(edit.ExitCode).IsEqualTo(0);

        string output = Path.Combine(temp.Path, "out.rtdc");
        var (rc, stderr) = Process(input, output, [.. s_sameSettings, "--drain-basins"]);
        await Assert.That(stderr).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);
        using RtdcFile o = RtdcFile.Open(output);
        string job = string.Join('\n', Log(o, "dcnum-job-"));
        await Assert.That(job).Contains("\"background\": false");
        await Assert.That(job).Contains("\"segmentation\": true");
        await Assert.That(o.AttributeNumber("pipeline:dcnum yield")).IsEqualTo(o.EventCount);
    }
}
