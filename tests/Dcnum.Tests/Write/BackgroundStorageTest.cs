using Dcnum.Background;
using Dcnum.Read;
using Dcnum.Tests.Support;
using Dcnum.Write;

namespace Dcnum.Tests.Write;

public class BackgroundStorageTest
{
    [Test]
    public async Task StoreSparseMedian_ForGoldenEvents_EqualsReferenceLayout()
    {
        using var input = RtdcFile.Open(SharedData.Data("cytoshot-test-data.rtdc"));
        using var golden = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        var result = SparseMedianBackground.Compute(input, SparseMedSettings.Default);
        long[] eventFrames = golden.ReadInt64("basinmap0");
        using var temp = new TempDirectory("dcnum-bgstore-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "bg.rtdc");
        string key;
        using (var writer = new RtdcWriter(path))
        {
            key = BackgroundStorage.StoreSparseMedian(writer, result);
            BackgroundStorage.AppendEventMapping(writer, result, eventFrames);
            writer.Commit();
        }
        await Assert.That(golden.GroupMembers("basins")).Contains(key);
        using var ours = RtdcFile.Open(path);
        await Assert.That(ours.ReadInt64("basinmap1").SequenceEqual(golden.ReadInt64("basinmap1"))).IsTrue();
        var a = new byte[55 * 80 * 400];
        var b = new byte[55 * 80 * 400];
        ours.ReadFeatureRows<byte>("image_bg", 0, 55, a);   // through the internal basin
        golden.ReadFeatureRows<byte>("image_bg", 0, 55, b);
        await Assert.That(a.AsSpan().SequenceEqual(b)).IsTrue();
    }
}
