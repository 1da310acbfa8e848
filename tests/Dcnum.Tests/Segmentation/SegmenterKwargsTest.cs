using Dcnum.Common;
using Dcnum.Labels;
using Dcnum.Segmentation;

namespace Dcnum.Tests.Segmentation;

public class SegmenterKwargsTest
{
    // dcnum tests/test_segm_thresh.py, test_meta_ppid_segm.py and the default PPID.
    [Test]
    [Arguments(new string[0], "thresh:t=-6:cle=1^f=1^clo=2")]
    [Arguments(new[] { "closing_disk=3" }, "thresh:t=-6:cle=1^f=1^clo=3")]
    [Arguments(new[] { "thresh=-3" }, "thresh:t=-3:cle=1^f=1^clo=2")]
    [Arguments(new[] { "thresh=-5", "fill_holes=false", "closing_disk=3" }, "thresh:t=-5:cle=1^f=0^clo=3")]
    [Arguments(new[] { "clear_border=no", "thresh=-5.0" }, "thresh:t=-5:cle=0^f=1^clo=2")]
    [Arguments(new[] { "thresh=-5.5", "clear_border=0" }, "thresh:t=-5.5:cle=0^f=1^clo=2")]
    public async Task Parse_KeyValues_GiveDcnumPpid(string[] keyValues, string ppid)
    {
        (SegmenterSettings segmenter, MaskSettings mask) = SegmenterKwargs.Parse(keyValues);
        await Assert.That(ThresholdSegmenter.Ppid(segmenter, mask)).IsEqualTo(ppid);
    }

    [Test]
    [Arguments("thresh:t=-3:cle=1^f=1^clo=2")]
    [Arguments("thresh:t=-5:cle=1^f=0^clo=3")]
    [Arguments("thresh:t=-5:cle=0^f=1^clo=2")]
    [Arguments("thresh:t=-5:cle=1^f=1^clo=4")]
    public async Task ParsePpid_DcnumVectors_RoundTrip(string ppid)
    {
        (SegmenterSettings segmenter, MaskSettings mask) = SegmenterPpid.Parse(ppid);
        await Assert.That(ThresholdSegmenter.Ppid(segmenter, mask)).IsEqualTo(ppid);
    }

    // dcnum: TorchSegmenterBase.mask_default_kwargs (closing_disk 0) and the model file's name only in the PPID
    [Test]
    [Arguments("torchmpo", new[] { "model_file=/some/where/unet_g1_910c2.dcnm" }, "torchmpo:m=unet_g1_910c2.dcnm:cle=1^f=1^clo=0")]
    [Arguments("torchsto", new[] { "model_file=unet_g1_910c2.dcnm", "closing_disk=2" }, "torchsto:m=unet_g1_910c2.dcnm:cle=1^f=1^clo=2")]
    [Arguments("torchuni", new[] { "fill_holes=0", "model_file=m_cb45f.dcnm" }, "torchuni:m=m_cb45f.dcnm:cle=1^f=0^clo=0")]
    public async Task Parse_TorchKeyValues_GiveDcnumPpid(string code, string[] keyValues, string ppid)
    {
        (SegmenterSettings segmenter, MaskSettings mask) = SegmenterKwargs.Parse(keyValues, code);
        await Assert.That(segmenter.Ppid(mask)).IsEqualTo(ppid);
        (SegmenterSettings again, MaskSettings againMask) = SegmenterPpid.Parse(ppid);
        await Assert.That(again.Ppid(againMask)).IsEqualTo(ppid);
    }

    [Test]
    public async Task Parse_ThreshKeyForTorch_IsRefused()
    {
        var ex = Assert.Throws<UsageException>(() => SegmenterKwargs.Parse(["thresh=-3"], "torchmpo"));
        await Assert.That(ex.Message).IsEqualTo("Invalid keyword 'thresh' for torchmpo. Allowed keywords are model_file, clear_border, fill_holes, closing_disk");
    }

    [Test]
    public async Task ParsePpid_CheckKwargs_MatchDcnumTest()
    {
        (SegmenterSettings segmenter, MaskSettings mask) = SegmenterPpid.Parse("thresh:t=-3:cle=0^f=1^clo=3");
        await Assert.That(segmenter.Thresh).IsEqualTo(-3.0);
        await Assert.That(mask.ClearBorder).IsFalse();
        await Assert.That(mask.FillHoles).IsTrue();
        await Assert.That(mask.ClosingDisk).IsEqualTo(3);
    }

    [Test]
    [Arguments("foo=1", "'foo'")]
    [Arguments("thresh=3", "'thresh'")]
    [Arguments("thresh=0", "'thresh'")]
    [Arguments("thresh=nan", "'thresh'")]
    [Arguments("thresh=abc", "'thresh'")]
    [Arguments("closing_disk=2.5", "'closing_disk'")]
    [Arguments("closing_disk=-1", "'closing_disk'")]
    [Arguments("fill_holes=maybe", "'fill_holes'")]
    [Arguments("thresh", "'thresh'")]
    public async Task Parse_BadKeyValue_ThrowsNamingTheKey(string keyValue, string named)
    {
        UsageException? error = null;
        try
        {
            SegmenterKwargs.Parse([keyValue]);
        }
        catch (UsageException ex)
        {
            error = ex;
        }
        await Assert.That(error).IsNotNull();
        await Assert.That(error!.Message).Contains(named);
    }
}
