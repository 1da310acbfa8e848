using Dcnum.Background;
using Dcnum.Common;
using Dcnum.Features;
using Dcnum.Features.Gating;
using Dcnum.Labels;
using Dcnum.Read;
using Dcnum.Segmentation;
using Dcnum.Segmentation.Torch.Export;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch.Export;

/// <summary>
/// The interpreted v2 models on real frames: the reference run's event masks (dcnum torchuni,
/// bench_crop64x256), independence from the batching, and agreement with a float64 evaluation
/// of the same network everywhere the reference probability is not within 1e-4 of 0.5.
/// </summary>
public class TorchUniSegmenterTest
{
    private const string G1 = "unet-dcnum-test_g1_cb45f.dcnm";
    private const string G2 = "unet-dcnum-test_g2_02dcd.dcnm";

    /// <summary>dcnum's mask_default_kwargs of the torch segmenters.</summary>
    private static readonly MaskSettings s_torchMask = new() { ClearBorder = true, FillHoles = true, ClosingDisk = 0 };

    private static byte[] ReadFrames(RtdcFile input, int first, int count)
    {
        var (h, w) = input.ImageShape!.Value;
        var frames = new byte[count * h * w];
        input.ReadFeatureRows<byte>("image", first, count, frames);
        return frames;
    }

    [Test]
    public async Task Segment_BenchCrop_EventMasksEqualReference()
    {
        using var input = RtdcFile.Open(SharedData.Data("bench_crop64x256.rtdc"));
        using var golden = RtdcFile.Open(SharedData.Golden("bench_crop64x256__torchuni-g1_dcn.rtdc"));
        var (h, w) = input.ImageShape!.Value;
        int size = h * w, count = (int)input.FeatureLength("image");
        var frames = ReadFrames(input, 0, count);
        var raw = new byte[count * size];
        new TorchUniSegmenter(SharedData.Data(G1)).Segment(frames, count, h, w, raw);

        // the rest of dcnum's chain, as for thresh: labels, mask processing, duplicate rule, features (with their gates)
        var background = SparseMedianBackground.Compute(input, SparseMedSettings.Default);
        var extractor = new FeatureExtractor(FeatureSettings.Default, GateSettings.DefaultSizeThreshMask, BoxGate.None,
            input.PixelSize, h, w, new Dcnum.Features.Texture.HaralickTexture());
        var batch = extractor.NewBatch();
        var mask = new bool[size];
        var labels = new ushort[size];
        var corr = new short[size];
        var previous = new byte[size];
        var scratch = new LabelScratch(h, w);
        for (int f = 0; f < count; f++)
        {
            var image = frames.AsSpan(f * size, size);
            for (int p = 0; p < size; p++)
                mask[p] = raw[f * size + p] != 0;
            ConnectedComponents.Label8(mask, labels, h, w, scratch);
            int max = LabelProcessor.Process(labels, h, w, s_torchMask, scratch);
            bool duplicate = DuplicateFrames.IsDuplicate(f, image, previous);
            image.CopyTo(previous);
            if (duplicate)
                continue;
            var bg = background.ImageOfFrame(f);
            for (int p = 0; p < size; p++)
                corr[p] = (short)(image[p] - bg[p]);
            extractor.ExtractFrame(f, image, bg, corr, background.BgOff![f], labels, max, batch);
        }

        await Assert.That(batch.Count).IsEqualTo((int)golden.EventCount);
        await Assert.That(batch.Frames.ToArray().SequenceEqual(golden.ReadInt64("basinmap0"))).IsTrue();
        var goldenMask = new byte[size];
        var differing = new List<int>();
        for (int i = 0; i < batch.Count; i++)
        {
            golden.ReadFeatureRows<byte>("mask", i, 1, goldenMask);
            var ours = batch.Masks.Slice(i * size, size);
            for (int p = 0; p < size; p++)
            {
                if (ours[p] != (goldenMask[p] != 0))
                {
                    differing.Add(i);
                    break;
                }
            }
        }
        await Assert.That(string.Join(", ", differing)).IsEqualTo("");
    }

    [Test]
    public async Task Segment_AnyBatching_SameMasks()
    {
        using var input = RtdcFile.Open(SharedData.Data("bench_crop64x256.rtdc"));
        var (h, w) = input.ImageShape!.Value;
        int size = h * w;
        const int count = 23;
        var frames = ReadFrames(input, 40, count);
        var model = DcnmV2File.Open(SharedData.Data(G1));
        var one = new byte[count * size];
        new TorchUniSegmenter(model, batchFrames: 1).Segment(frames, count, h, w, one);
        // dcnum's way: batches of batch_size (10), the last one zero-padded and the padding dropped
        int batchSize = model.Meta.BatchSize!.Value;
        int padded = (count + batchSize - 1) / batchSize * batchSize;
        var framesPadded = new byte[padded * size];
        frames.CopyTo(framesPadded, 0);
        var tens = new byte[padded * size];
        new TorchUniSegmenter(model, batchFrames: batchSize).Segment(framesPadded, padded, h, w, tens);
        var all = new byte[count * size];
        new TorchUniSegmenter(model, batchFrames: count).Segment(frames, count, h, w, all);

        var asBool = new bool[count * size];
        new TorchUniSegmenter(model).Segment(frames, count, h, w, asBool);

        await Assert.That(one.Count(b => b != 0)).IsGreaterThan(1000);
        await Assert.That(asBool.Select(b => b ? (byte)1 : (byte)0).SequenceEqual(one)).IsTrue();
        await Assert.That(tens.AsSpan(0, count * size).SequenceEqual(one)).IsTrue();
        await Assert.That(all.AsSpan().SequenceEqual(one)).IsTrue();
    }

    [Test]
    public async Task Segment_DecomposedOperatorNames_SameMasks()
    {
        // a later export may name the layers by their decomposed aten ops; a copy of g1 rewritten so
        // must give the same masks
        using var dir = new TempDirectory("dcnm");
        string path = Path.Combine(dir.Path, "decomposed.dcnm");
        File.WriteAllBytes(path, DcnmV2FileTest.RewriteModelJson(File.ReadAllBytes(SharedData.Data(G1)), json => json
            .Replace("torch.ops.aten.conv2d.default", "torch.ops.aten.convolution.default")
            .Replace("torch.ops.aten.batch_norm.default", "torch.ops.aten._native_batch_norm_legit_no_training.default")));
        var decomposed = DcnmV2File.Open(path);
        await Assert.That(decomposed.Program.Nodes.Count(n => n.Target == "torch.ops.aten.convolution.default")).IsEqualTo(6);
        using var input = RtdcFile.Open(SharedData.Data("bench_crop64x256.rtdc"));
        var (h, w) = input.ImageShape!.Value;
        const int count = 12;
        var frames = ReadFrames(input, 100, count);
        var expected = new byte[count * h * w];
        new TorchUniSegmenter(SharedData.Data(G1)).Segment(frames, count, h, w, expected);
        var actual = new byte[count * h * w];
        new TorchUniSegmenter(decomposed).Segment(frames, count, h, w, actual);
        await Assert.That(actual.AsSpan().SequenceEqual(expected)).IsTrue();
        await Assert.That(expected.Count(b => b != 0)).IsGreaterThan(500);
    }

    [Test]
    public async Task Segment_WrongFrameShape_ClearError()
    {
        string path = SharedData.Data(G1);
        var segmenter = new TorchUniSegmenter(path);
        var ex = Assert.Throws<DcnumException>(() => segmenter.Segment(new byte[80 * 400], 1, 80, 400, new byte[80 * 400]));
        await Assert.That(ex.Message).IsEqualTo($"{path}: frame shape 80x400 does not match the model's 64x256 (torchuni neither crops nor pads)");
    }

    /// <summary>
    /// g1 on bench_crop64x256 frames and g2 on 80×320 crops of bench_2000 (columns 40..359):
    /// every pixel whose float64 probability is not within 1e-4 of 0.5 gets the same mask value.
    /// </summary>
    [Test]
    [Arguments(G1, "bench_crop64x256.rtdc", 0, new[] { 3, 120, 250 })]
    [Arguments(G2, "bench_2000.rtdc", 40, new[] { 5, 700 })]
    public async Task Segment_MatchesFloat64Network(string modelName, string inputName, int column, int[] frameIndices)
    {
        var model = DcnmV2File.Open(SharedData.Data(modelName));
        int h = model.Meta.ImageShape![0], w = model.Meta.ImageShape[1];
        using var input = RtdcFile.Open(SharedData.Data(inputName));
        var (ih, iw) = input.ImageShape!.Value;
        var byName = model.Program.Constants.ToDictionary(c => c.StoredName, c => c.Tensor.F);
        var segmenter = new TorchUniSegmenter(model);
        var full = new byte[ih * iw];
        var frame = new byte[h * w];
        var ours = new byte[h * w];
        int foreground = 0, mismatches = 0, nearHalf = 0;
        foreach (int f in frameIndices)
        {
            input.ReadFeatureRows<byte>("image", f, 1, full);
            for (int y = 0; y < h; y++)
                full.AsSpan(y * iw + column, w).CopyTo(frame.AsSpan(y * w));
            segmenter.Segment(frame, 1, h, w, ours);
            var p = Float64Reference.UNet(frame, h, w, i => byName[$"lifted_tensor_{i}"]);
            for (int i = 0; i < p.Length; i++)
            {
                if (Math.Abs(p[i] - 0.5) < 1e-4)
                {
                    nearHalf++;
                    continue;
                }
                foreground += p[i] >= 0.5 ? 1 : 0;
                mismatches += (p[i] >= 0.5) != (ours[i] != 0) ? 1 : 0;
            }
        }
        await Assert.That(mismatches).IsEqualTo(0);
        await Assert.That(foreground).IsGreaterThan(100);
        await Assert.That(nearHalf).IsLessThan(5);
    }
}
