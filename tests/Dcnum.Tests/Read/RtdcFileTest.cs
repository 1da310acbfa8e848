using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Read;

public class RtdcFileTest
{
    [Test]
    public async Task ReadRows_GoldenMask_MatchesImageShapeAndIsBinary()
    {
        using var file = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        var mask = file.InnateDataset("mask");
        ulong[] dims = mask.Space.Dimensions;
        await Assert.That(dims.Length).IsEqualTo(3);
        await Assert.That(dims[0]).IsEqualTo(55UL);
        var buffer = new byte[(int)(dims[1] * dims[2]) * 3];
        RtdcFile.ReadRows<byte>(mask, 52, 3, buffer);
        int set = buffer.Count(b => b == 255);
        int other = buffer.Count(b => b != 0 && b != 255);
        await Assert.That(set).IsGreaterThan(30);
        await Assert.That(other).IsEqualTo(0);
    }
}
