using System.Text.Json;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>The published binary reads every real file we have: inputs and reference outputs.</summary>
public class InfoAllFilesTest
{
    public static IEnumerable<string> AllRtdcFiles()
        => Directory.EnumerateFiles(Path.Combine(SharedData.Root, "data"), "*.rtdc")
            .Concat(Directory.EnumerateFiles(Path.Combine(SharedData.Root, "golden"), "*.rtdc"))
            .Order(StringComparer.Ordinal);

    [Test]
    [MethodDataSource(nameof(AllRtdcFiles))]
    public async Task Info_EverySharedFile_ExitsZeroWithValidJson(string path)
    {
        var r = await DcnumBinary.RunAsync("info", path, "--json");
        await Assert.That(r.StdErr).IsEqualTo("");
        await Assert.That(r.ExitCode).IsEqualTo(0);
        using var doc = JsonDocument.Parse(r.StdOut);
        await Assert.That(doc.RootElement.ValueKind).IsEqualTo(JsonValueKind.Object);
    }

    [Test]
    public async Task InfoJson_CompoundTable_ListsColumnsUnderAot()
    {
        var r = await DcnumBinary.RunAsync("info", SharedData.Data("dcnum_thresh_example.rtdc"), "--json");
        await Assert.That(r.ExitCode).IsEqualTo(0);
        using var doc = JsonDocument.Parse(r.StdOut);
        JsonElement table = doc.RootElement.GetProperty("tables").GetProperty("cytoshot_monitor");
        await Assert.That(table.GetProperty("rows").GetInt32()).IsEqualTo(750);
        await Assert.That(table.GetProperty("columns").GetArrayLength()).IsEqualTo(17);
    }

    [Test]
    public async Task Info_GoldenRun_ReportsEventCountOfTheRun()
    {
        // The reference's own record of the run: events written.
        using var run = JsonDocument.Parse(await File.ReadAllTextAsync(SharedData.Golden("cytoshot-test-data__default.json")));
        long events = run.RootElement.GetProperty("events").GetInt64();
        var r = await DcnumBinary.RunAsync("info", SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        await Assert.That(r.ExitCode).IsEqualTo(0);
        await Assert.That(r.StdOut).Contains(events.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
