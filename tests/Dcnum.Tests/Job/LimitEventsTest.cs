using Dcnum.Cli;
using Dcnum.Compare;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Job;

/// <summary>
/// <c>--limit-events</c> (dcnum's index_mapping). dcnum computes the background from every input
/// frame and segments only the selected ones, so the events of a selection are exactly the
/// reference's full-run events on those frames (bar the duplicate-frame rule, which compares with
/// the previous *selected* frame); basinmap0 keeps pointing at input frames (int64, as dcnum
/// stores get_mapping_indices(...)[index_unmapped]).
/// </summary>
public class LimitEventsTest
{
    [Test]
    [Arguments("5-30", "hdf:p=0.2645^i=5-30-n", 5L, 1L, 25L)]
    [Arguments("4-37-3", "hdf:p=0.2645^i=4-37-3", 4L, 3L, 11L)]
    [Arguments("17", "hdf:p=0.2645^i=17", 0L, 1L, 17L)]
    public async Task Selection_GivesTheReferenceEventsOfThoseFrames(string limit, string dataPpid, long start, long step, long count)
    {
        using var temp = new TempDirectory("dcnum-limit-");
        string output = Path.Combine(temp.Path, "out.rtdc");
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", SharedData.Data("cytoshot-test-data.rtdc"), output, "--drain-basins",
            "-kb", "offset_correction=true", "--limit-events", limit, "--progress", "none"], new StringWriter(), stderr);
        await Assert.That(stderr.ToString()).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);

        using RtdcFile ours = RtdcFile.Open(output);
        using RtdcFile golden = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        await Assert.That(ours.AttributeText("pipeline:dcnum data")).IsEqualTo(dataPpid);
        await Assert.That(ours.AttributeText("pipeline:dcnum mapping")).IsEqualTo(dataPpid[(dataPpid.IndexOf("i=", StringComparison.Ordinal) + 2)..]);
        await Assert.That(ours.Features.First(f => f.Name == "basinmap0").DType).IsEqualTo("int64");

        var selected = new HashSet<long>(Enumerable.Range(0, (int)count).Select(k => start + k * step));
        long[] goldenFrames = golden.ReadInt64("basinmap0");
        int[] goldenRows = Enumerable.Range(0, goldenFrames.Length).Where(i => selected.Contains(goldenFrames[i])).ToArray();
        long[] ourFrames = ours.ReadInt64("basinmap0");
        await Assert.That(ourFrames.All(selected.Contains)).IsTrue();
        // Frames whose previous *selected* frame is identical give no events in our run only; this input has none.
        await Assert.That(ourFrames).IsEquivalentTo(goldenRows.Select(i => goldenFrames[i]).ToArray());
        await Assert.That(ours.EventCount).IsEqualTo(goldenRows.Length);
        foreach (string feature in new[] { "deform", "area_um", "bright_avg", "tex_con_avg", "volume", "bg_off", "frame", "time" })
        {
            double[] a = ours.ReadScalar(feature);
            double[] all = golden.ReadScalar(feature);
            for (int k = 0; k < a.Length; k++)
            {
                double b = all[goldenRows[k]];
                if (!Tolerance.Default.Equal(b, a[k]))
                    throw new InvalidOperationException($"{feature}[{k}]: {a[k]} vs reference {b}");
            }
        }
        // image_bg still resolves through the internal basin (mapping into the full-run backgrounds).
        await Assert.That(ours.HasFeature("image_bg")).IsTrue();
    }

    [Test]
    public async Task DryRun_SliceIdentifiers_MatchTheReference()
    {
        // dcnum-inventory §2 [V]: slice(2, 60) with the default pipeline → i=2-60-n, hash cc9576f1….
        var stdout = new StringWriter();
        int rc = CommandLine.Run(["process", SharedData.Data("bench_2000.rtdc"), "--dry-run", "-kb", "offset_correction=1", "--limit-events", "2-60"],
            stdout, new StringWriter());
        await Assert.That(rc).IsEqualTo(0);
        await Assert.That(stdout.ToString()).Contains("Data ID:\thdf:p=0.2645^i=2-60-n\n");
        await Assert.That(stdout.ToString()).Contains("Pipeline hash:\tcc9576f1203ef1476b8014de1fbc0be3\n");
    }

    [Test]
    [Arguments("n-20", 2)] // dcnum: slices need start and stop
    [Arguments("5000", 1)] // past the 40 frames
    [Arguments("30-10", 1)] // empty
    [Arguments("x", 2)]
    public async Task BadSelection_IsRefusedWithOneLine(string limit, int exitCode)
    {
        using var temp = new TempDirectory("dcnum-limit-bad-");
        string output = Path.Combine(temp.Path, "out.rtdc");
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["process", SharedData.Data("cytoshot-test-data.rtdc"), output, "--limit-events", limit, "--progress", "none"],
            new StringWriter(), stderr);
        await Assert.That(rc).IsEqualTo(exitCode);
        await Assert.That(stderr.ToString().TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(stderr.ToString()).Contains("--limit-events");
        await Assert.That(Directory.GetFiles(temp.Path).Length).IsEqualTo(0);
    }
}
