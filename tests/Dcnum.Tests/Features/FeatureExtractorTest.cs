using Dcnum.Common;
using Dcnum.Features;
using Dcnum.Features.Gating;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Features;

public class FeatureExtractorTest
{
    [Test]
    public async Task Ppid_SettingsAndGates_AreReferenceStrings()
    {
        // dcnum-inventory §2 (verified runs): legacy:b=1^h=0^v=1, norm:o=1^s=10; defaults from the goldens.
        await Assert.That(FeatureSettings.Default.Ppid).IsEqualTo("legacy:b=1^h=1^v=1");
        await Assert.That(FeatureSettings.Parse([new("haralick", "False")]).Ppid).IsEqualTo("legacy:b=1^h=0^v=1");
        await Assert.That(GateSettings.Default.Ppid).IsEqualTo("norm:o=0^s=10");
        await Assert.That(GateSettings.Parse([new("online_gates", "true")]).Ppid).IsEqualTo("norm:o=1^s=10");
        await Assert.That(GateSettings.Parse([new("size_thresh_mask", "11")]).Ppid).IsEqualTo("norm:o=0^s=11");
        // dcnum 0.31.0 DCNumPipelineJob(gate_kwargs={"size_thresh_mask": 0}).get_ppid() gives "norm:o=0^s=0"
        // (get_ppid_from_ppkw replaces only None); gating itself uses `0 or 10` (next assertion).
        await Assert.That(GateSettings.Parse([new("size_thresh_mask", "0")]).Ppid).IsEqualTo("norm:o=0^s=0");
        await Assert.That(GateSettings.Parse([new("size_thresh_mask", "0")]).EffectiveSizeThreshMask(null)).IsEqualTo(10);
        var ex = Assert.Throws<UsageException>(() => FeatureSettings.Parse([new("brightnes", "1")]));
        await Assert.That(ex.Message).Contains("brightnes");
        var bad = Assert.Throws<UsageException>(() => GateSettings.Parse([new("size_thresh_mask", "ten")]));
        await Assert.That(bad.Message).Contains("size_thresh_mask");
    }

    [Test]
    public async Task OnlineGates_SizeThreshold_FromBinAreaMin()
    {
        using var file = RtdcFile.Open(SharedData.Data("file_with_variable_length_logs.rtdc")); // online_contour:bin area min = 50
        double? binAreaMin = file.AttributeNumber("online_contour:bin area min");
        await Assert.That(new GateSettings(OnlineGates: true).EffectiveSizeThreshMask(binAreaMin)).IsEqualTo(50);
        await Assert.That(new GateSettings(OnlineGates: false).EffectiveSizeThreshMask(binAreaMin)).IsEqualTo(10);
        await Assert.That(new GateSettings(OnlineGates: true, SizeThreshMask: 20).EffectiveSizeThreshMask(binAreaMin)).IsEqualTo(20);
    }

    [Test]
    public async Task BoxGate_FromFile_HardLimitsOnlyAndSizeQuirk()
    {
        // M001: size_x/size_y hard limits [1, 80], area_um/area_ratio soft. dcnum replaces the size
        // gates by [3·pixel size, none] (it looks up a key that is never there).
        using var file = RtdcFile.Open(SharedData.Data("M001_data.rtdc"));
        var gate = BoxGate.FromFile(file);
        var gates = gate.Gates.ToDictionary(g => g.Feature);
        await Assert.That(gates.Keys.Order().ToArray().SequenceEqual(["size_x", "size_y"])).IsTrue();
        await Assert.That(gates["size_x"].Min).IsEqualTo(3 * 0.339);
        await Assert.That(gates["size_x"].Max).IsNull();
        await Assert.That(gate.Passes(n => n == "size_x" ? 3 * 0.339 : 5.0)).IsTrue(); // inclusive bound
        await Assert.That(gate.Passes(n => n == "size_x" ? 1.0 : 5.0)).IsFalse();
        await Assert.That(gate.Passes(n => n == "size_y" ? double.NaN : 5.0)).IsFalse(); // NaN fails like numpy
    }

    [Test]
    public async Task ExtractFrame_LineMask_IsInvalidAndCounted_BlobIsKept()
    {
        const int h = 20, w = 40;
        var labels = new ushort[h * w];
        for (int x = 5; x < 20; x++)
            labels[3 * w + x] = 1;                      // 15 px, one pixel high: contour area 0
        for (int y = 8; y < 14; y++)
            for (int x = 10; x < 18; x++)
                labels[y * w + x] = 2;                  // 48 px blob
        labels[18 * w + 30] = 3;                        // 1 px: below the size gate
        var image = new byte[h * w];
        var bg = new byte[h * w];
        var corr = new short[h * w];
        Array.Fill(image, (byte)100);
        Array.Fill(bg, (byte)100);
        var extractor = new FeatureExtractor(new FeatureSettings(Haralick: false), 10, BoxGate.None, 0.34, h, w, null);
        var batch = extractor.NewBatch();
        int n = extractor.ExtractFrame(7, image, bg, corr, 0.0, labels, 3, batch);
        await Assert.That(n).IsEqualTo(1);
        await Assert.That(batch.Count).IsEqualTo(1);
        await Assert.That(extractor.MasksDropped).IsEqualTo(1L);
        await Assert.That(batch.Frames[0]).IsEqualTo(7L);
        int area = extractor.FeatureNames.ToList().IndexOf("area_msd");
        await Assert.That(batch.Value(0, area)).IsEqualTo(7.0 * 5.0); // polygon through pixel centres of an 8×6 block
    }
}
