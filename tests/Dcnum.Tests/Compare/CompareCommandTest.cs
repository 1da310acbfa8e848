using System.Text.Json;
using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Compare;

public class CompareCommandTest
{
    public static IEnumerable<string> Goldens()
        => Directory.EnumerateFiles(Path.Combine(SharedData.Root, "golden"), "*.rtdc").Order(StringComparer.Ordinal);

    private static (int Code, string Out, string Err) Compare(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run(["compare", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Test]
    [MethodDataSource(nameof(Goldens))]
    public async Task Golden_AgainstItself_IsSame(string golden)
    {
        var (code, output, err) = Compare(golden, golden);
        await Assert.That(err).IsEqualTo("");
        await Assert.That(code).IsEqualTo(0);
        await Assert.That(output).StartsWith("same: ");
    }

    [Test]
    public async Task TapAgainstDrain_DiffersInLayoutAndBasins()
    {
        var (code, output, _) = Compare(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"), SharedData.Golden("cytoshot-test-data__tap_dcn.rtdc"));
        await Assert.That(code).IsEqualTo(1);
        await Assert.That(output).Contains("layout events/image: missing in the candidate");
        await Assert.That(output).Contains("basin definition: not in the reference");
        await Assert.That(output).Contains("different: ");
    }

    [Test]
    public async Task NoHaralick_DiffersInFeaturesAndPipelineIdentifiers()
    {
        var (code, output, _) = Compare(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"), SharedData.Golden("cytoshot-test-data__noharalick_dcn.rtdc"));
        await Assert.That(code).IsEqualTo(1);
        await Assert.That(output).Contains("layout events/tex_asm_avg: missing in the candidate");
        await Assert.That(output).Contains("attribute pipeline:dcnum hash:");
        await Assert.That(output).Contains("attribute pipeline:dcnum feature: reference 'legacy:b=1^h=1^v=1', candidate 'legacy:b=1^h=0^v=1'");
    }

    // Copies the default golden and changes one thing with h5py (libhdf5), the reference library.
    private static async Task<string> ModifiedCopy(string dir, string name, string python, string source = "cytoshot-test-data__default_dcn.rtdc")
    {
        string path = Path.Combine(dir, name + ".rtdc");
        File.Copy(SharedData.Golden(source), path);
        await H5py.RunAsync(dir, name, "import h5py, numpy as np, sys\nf = h5py.File(sys.argv[1], 'a')\n" + python + "\nf.close()\n", path);
        return path;
    }

    [Test]
    public async Task ModifiedCopies_EachDifferenceIsNamed_ToleranceEdgesHold()
    {
        using var temp = new TempDirectory("dcnum-compare-");
        string dir = temp.Path;
        string golden = SharedData.Golden("cytoshot-test-data__default_dcn.rtdc");
        string bigChange = await ModifiedCopy(dir, "deform_1e-3", "d = f['events/deform']; a = d[:]; a[7] *= 1 + 1e-3; d[:] = a");
        string tinyChange = await ModifiedCopy(dir, "deform_1e-8", "d = f['events/deform']; a = d[:]; a[7] *= 1 + 1e-8; d[:] = a");
        string edgeChange = await ModifiedCopy(dir, "deform_1e-5", "d = f['events/deform']; a = d[:]; a[7] *= 1 + 1e-5; d[:] = a");
        string maskPixel = await ModifiedCopy(dir, "mask_pixel", "d = f['events/mask']; m = d[3]; m[40, 200] = 255 - m[40, 200]; d[3] = m");
        string attribute = await ModifiedCopy(dir, "attribute", "f.attrs['pipeline:dcnum gate'] = 'norm:o=0^s=11'");
        string removed = await ModifiedCopy(dir, "removed", "del f['events/volume']");
        string nevents = await ModifiedCopy(dir, "nevents", "d = f['events/nevents']; a = d[:]; a[0] += 1; d[:] = a");

        var big = Compare(golden, bigChange);
        await Assert.That(big.Code).IsEqualTo(1);
        await Assert.That(big.Out).Contains("feature deform: 1 of 55 events differ; first at event 7");
        await Assert.That(big.Out.Split('\n').Count(l => l.StartsWith("feature ", StringComparison.Ordinal))).IsEqualTo(1);

        await Assert.That(Compare(golden, tinyChange).Code).IsEqualTo(0);
        await Assert.That(Compare(golden, edgeChange).Code).IsEqualTo(1);
        await Assert.That(Compare(golden, edgeChange, "--rtol", "1e-4").Code).IsEqualTo(0);

        var mask = Compare(golden, maskPixel);
        await Assert.That(mask.Code).IsEqualTo(1);
        await Assert.That(mask.Out).Contains("feature mask: 1 of 55 events differ (exact comparison); first at event 3");

        var attr = Compare(golden, attribute);
        await Assert.That(attr.Code).IsEqualTo(1);
        await Assert.That(attr.Out).Contains("attribute pipeline:dcnum gate: reference 'norm:o=0^s=10', candidate 'norm:o=0^s=11'");

        var gone = Compare(golden, removed);
        await Assert.That(gone.Code).IsEqualTo(1);
        await Assert.That(gone.Out).Contains("layout events/volume: missing in the candidate");

        await Assert.That(Compare(golden, nevents).Out).Contains("feature nevents: 1 of 55 events differ (exact comparison); first at event 0");

        var json = Compare(golden, bigChange, "--json");
        using var doc = JsonDocument.Parse(json.Out);
        await Assert.That(doc.RootElement.GetProperty("same").GetBoolean()).IsFalse();
        await Assert.That(doc.RootElement.GetProperty("differences")[0].GetProperty("item").GetString()).IsEqualTo("deform");
    }

    [Test]
    public async Task Tables_AreCompared()
    {
        using var temp = new TempDirectory("dcnum-compare-tables-");
        const string source = "dcnum_thresh_example__default_dcn.rtdc";
        string golden = SharedData.Golden(source);
        string changed = await ModifiedCopy(temp.Path, "table_value", "d = f['tables/cytoshot_monitor']; a = d[...]; a['focus'][5] += 1; d[...] = a", source);
        string removed = await ModifiedCopy(temp.Path, "table_gone", "del f['tables/cytoshot_monitor_normalized']", source);
        var c = Compare(golden, changed);
        await Assert.That(c.Code).IsEqualTo(1);
        await Assert.That(c.Out).Contains("table tables/cytoshot_monitor:focus: row 5:");
        var r = Compare(golden, removed);
        await Assert.That(r.Code).IsEqualTo(1);
        await Assert.That(r.Out).Contains("layout tables/cytoshot_monitor_normalized: missing in the candidate");
    }

    [Test]
    public async Task AttributeTypes_DatasetAttributes_AndPlainTables_AreCompared()
    {
        using var temp = new TempDirectory("dcnum-compare-types-");
        const string source = "dcnum_thresh_example__default_dcn.rtdc";
        string golden = SharedData.Golden(source);
        string int32 = await ModifiedCopy(temp.Path, "int32", "f.attrs['imaging:roi size x'] = np.int32(f.attrs['imaging:roi size x'])", source);
        string bytes = await ModifiedCopy(temp.Path, "bytes", "f.attrs['setup:medium'] = np.bytes_(f.attrs['setup:medium'])", source);
        string noSoftware = await ModifiedCopy(temp.Path, "no_software", "del f['tables/cytoshot_monitor'].attrs['software']", source);
        string logAttribute = await ModifiedCopy(temp.Path, "log_attr", "f['logs/dclab-compress'].attrs['software'] = 'dclab 1 | dcnum 0.31.0'", source);
        string plainTable = await ModifiedCopy(temp.Path, "plain_table", "f['tables/extra'] = np.arange(3.0)", source);

        var a = Compare(golden, int32);
        await Assert.That(a.Code).IsEqualTo(1);
        await Assert.That(a.Out).Contains("attribute-type imaging:roi size x: int64 in the reference, int32 in the candidate");
        await Assert.That(Compare(golden, bytes).Out).Contains("attribute-type setup:medium: str in the reference, S");
        await Assert.That(Compare(golden, noSoftware).Out).Contains("dataset-attribute tables/cytoshot_monitor:software: missing in the candidate");
        await Assert.That(Compare(golden, logAttribute).Out).Contains("dataset-attribute logs/dclab-compress:software: reference 'dcnum 0.31.0', candidate 'dclab 1 | dcnum 0.31.0'");
        await Assert.That(Compare(golden, plainTable).Out).Contains("layout tables/extra: not in the reference");
        // A plain table against itself: compared by value, not "compound in one file only".
        await Assert.That(Compare(plainTable, plainTable).Code).IsEqualTo(0);
    }

    [Test]
    [Arguments("one.rtdc")]
    [Arguments("a", "b", "c")]
    [Arguments("a", "b", "--rtol")]
    [Arguments("a", "b", "--rtol", "-1")]
    [Arguments("a", "b", "--frobnicate")]
    public async Task UsageErrors_ExitTwo(params string[] args)
        => await Assert.That(Compare(args).Code).IsEqualTo(2);

    [Test]
    public async Task UnreadableCandidate_ExitsOneNamingIt()
    {
        var (code, _, err) = Compare(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"), "/nonexistent/x.rtdc");
        await Assert.That(code).IsEqualTo(1);
        await Assert.That(err).Contains("/nonexistent/x.rtdc");
    }
}
