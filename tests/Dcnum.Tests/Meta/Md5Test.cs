using System.Text;
using Dcnum.Meta;

namespace Dcnum.Tests.Meta;

public class Md5Test
{
    // RFC 1321 appendix A.5 test suite.
    [Test]
    [Arguments("", "d41d8cd98f00b204e9800998ecf8427e")]
    [Arguments("a", "0cc175b9c0f1b6a831c399e269772661")]
    [Arguments("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [Arguments("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [Arguments("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
    [Arguments("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public async Task HexOf_RfcVectors_Match(string text, string expected)
        => await Assert.That(Md5.HexOf(text)).IsEqualTo(expected);

    // dcnum's default pipeline on cytoshot-test-data.rtdc (golden .json / reference.md).
    [Test]
    public async Task HexOf_DefaultPipelineIdentifier_IsDcnumHash()
    {
        const string ppid = "13|hdf:p=0.2645^i=0|sparsemed:k=200^s=1^t=0^f=0.8^o=1|thresh:t=-6:cle=1^f=1^clo=2|legacy:b=1^h=1^v=1|norm:o=0^s=10";
        await Assert.That(Md5.HexOf(ppid)).IsEqualTo("a35bcc0252de9f083de5746cf547117d");
    }

    [Test]
    public async Task Incremental_OddSplits_EqualOneShot()
    {
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        string oneShot = Md5.HexOf(data);
        foreach (int split in new[] { 1, 55, 56, 63, 64, 65, 500 })
        {
            var inc = new Md5.Incremental();
            inc.Append(data.AsSpan(0, split));
            inc.Append(data.AsSpan(split));
            var digest = new byte[16];
            inc.Finish(digest);
            await Assert.That(Convert.ToHexStringLower(digest)).IsEqualTo(oneShot);
        }
        await Assert.That(Md5.HexOf(Encoding.ASCII.GetBytes("abc"))).IsEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }
}
