using System.Text.Json;
using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Read;

/// <summary>Facts about the shared files, checked with h5py (libhdf5) when the tests were written.</summary>
public class RtdcFileMetadataTest
{
    public static IEnumerable<string> GoldenRuns()
        => Directory.EnumerateFiles(Path.Combine(SharedData.Root, "golden"), "*.json").Order(StringComparer.Ordinal);

    [Test]
    [MethodDataSource(nameof(GoldenRuns))]
    public async Task EventCount_EveryGolden_EqualsEventsOfTheRun(string json)
    {
        using var run = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        long events = run.RootElement.GetProperty("events").GetInt64();
        string rtdc = json[..^".json".Length] + "_dcn.rtdc";
        using var file = RtdcFile.Open(rtdc);
        await Assert.That(file.EventCount).IsEqualTo(events);
        await Assert.That(file.FeatureLength("mask")).IsEqualTo(events);
        await Assert.That(file.AttributeText("pipeline:dcnum generation")).IsEqualTo("13");
        await Assert.That(file.AttributeText("pipeline:dcnum data")).IsEqualTo(run.RootElement.GetProperty("ppid").GetString()!.Split('|')[1]);
    }

    [Test]
    public async Task Attributes_MixedTypes_ReadTyped()
    {
        using var file = RtdcFile.Open(SharedData.Data("file_with_variable_length_logs.rtdc"));
        await Assert.That(file.Attributes["online_contour:no absdiff"].Kind).IsEqualTo(AttributeKind.Boolean); // h5py enum bool
        await Assert.That(file.Attributes["online_contour:no absdiff"].Integer).IsEqualTo(1L);
        await Assert.That(file.Attributes["imaging:roi size x"].Kind).IsEqualTo(AttributeKind.Integer);        // int32
        await Assert.That(file.Attributes["imaging:roi size x"].Integer).IsEqualTo(250L);
        await Assert.That(file.Attributes["setup:chip region"].Kind).IsEqualTo(AttributeKind.String);          // variable length
        await Assert.That(file.Attributes["setup:medium"].Kind).IsEqualTo(AttributeKind.String);               // fixed length
        await Assert.That(file.Logs["M1_camera.ini"].Length).IsEqualTo(11);                                  // variable-length log
        await Assert.That(file.Logs["M1_para.ini"].Length).IsEqualTo(18);
    }

    [Test]
    public async Task Logs_FixedLengthDcnumLogs_ReadAsLines()
    {
        using var file = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        string[] log = file.ReadLog(file.GroupMembers("logs").Single(n => n.StartsWith("dcnum-log-", StringComparison.Ordinal)));
        await Assert.That(log.Length).IsEqualTo(25);
        await Assert.That(log[0]).Contains("Run start");
        string job = string.Join('\n', file.ReadLog(file.GroupMembers("logs").Single(n => n.StartsWith("dcnum-job-", StringComparison.Ordinal))));
        using var doc = JsonDocument.Parse(job);
        await Assert.That(doc.RootElement.GetProperty("pipeline").GetProperty("hash").GetString()).IsEqualTo("a35bcc0252de9f083de5746cf547117d");
    }

    [Test]
    public async Task MeasurementIdentifier_WithoutRunIdentifier_IsDcnumsMd5Uuid()
    {
        // dcnum named its output "<input identifier>_dcn-<hash7>"; the input has no run identifier attribute.
        using var input = RtdcFile.Open(SharedData.Data("cytoshot-test-data.rtdc"));
        using var output = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        await Assert.That(input.AttributeText("experiment:run identifier")).IsNull();
        await Assert.That(output.MeasurementIdentifier).IsEqualTo(input.MeasurementIdentifier + "_dcn-a35bcc0");
    }

    [Test]
    public async Task ImageChunkSize_FollowsDcnumAlignmentRule()
    {
        using var bench = RtdcFile.Open(SharedData.Data("bench_2000.rtdc"));       // HDF5 chunks of 100 rows
        using var cytoshot = RtdcFile.Open(SharedData.Data("cytoshot-test-data.rtdc")); // chunks of 40 rows
        await Assert.That(bench.ImageChunkSize).IsEqualTo(1000);
        await Assert.That(cytoshot.ImageChunkSize).IsEqualTo(1000);
    }

    [Test]
    public async Task Basins_TapGolden_FileBasinImagesEqualTheInputFrames()
    {
        using var tap = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__tap_dcn.rtdc"));
        using var input = RtdcFile.Open(SharedData.Data("cytoshot-test-data.rtdc"));
        await Assert.That(tap.HasInnateFeature("image")).IsFalse();
        await Assert.That(tap.HasFeature("image")).IsTrue();
        await Assert.That(tap.Features.Single(f => f.Name == "image").Source).IsEqualTo("dcnum basin");
        long[] map = tap.ReadInt64("basinmap0");
        var viaBasin = new byte[80 * 400];
        var direct = new byte[80 * 400];
        foreach (int i in new[] { 0, 17, 54 })
        {
            tap.ReadFeatureRows<byte>("image", i, 1, viaBasin);
            input.ReadFeatureRows<byte>("image", map[i], 1, direct);
            await Assert.That(viaBasin.AsSpan().SequenceEqual(direct)).IsTrue();
        }
        double[] time = tap.ReadScalar("time");
        double[] inputTime = input.ReadScalar("time");
        await Assert.That(time[54]).IsEqualTo(inputTime[map[54]]);
    }

    [Test]
    public async Task Basins_InternalMappedBackground_ReadsPerEvent()
    {
        using var file = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        await Assert.That(file.Basins[0].IsInternal).IsTrue(); // internal basins sort first
        await Assert.That(file.FeatureLength("image_bg")).IsEqualTo(55L);
        var bg = new byte[80 * 400 * 55];
        file.ReadFeatureRows<byte>("image_bg", 0, 55, bg);
        // h5py: basin_events/image_bg[basinmap1[i]].sum() for i in (0, 20, 54) is 5778162 each.
        foreach (int i in new[] { 0, 20, 54 })
        {
            long sum = 0;
            foreach (byte b in bg.AsSpan(i * 80 * 400, 80 * 400))
                sum += b;
            await Assert.That(sum).IsEqualTo(5778162L);
        }
    }
}
