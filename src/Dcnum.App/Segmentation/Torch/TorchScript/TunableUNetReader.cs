using Dcnum.Segmentation.Torch.Network;

namespace Dcnum.Segmentation.Torch.TorchScript;

/// <summary>
/// Recognises a TunableUNet (cytosegment's <c>tune_unet.py</c>) in a TorchScript module tree and
/// turns it into a <see cref="UNetSpec"/>: batch norms folded into the convolutions the way torch's
/// <c>fold_conv_bn_eval</c> does it, dropouts dropped (identity at inference). The forward logic is
/// TunableUNet's, known here; the archive's TorchScript source is not interpreted, so any module
/// class other than the family's is refused by name rather than guessed at.
/// </summary>
internal static class TunableUNetReader
{
    public static UNetSpec Read(TorchScriptArchive archive)
    {
        PyObject root = archive.Root;
        if (ClassName(root) != "TunableUNet")
            throw new InvalidDataException($"unsupported network class '{root.Type}' (supported: cytosegment's TunableUNet)");
        string forward = System.Text.Encoding.UTF8.GetString(archive.Read("code/" + root.Type.Module.Replace('.', '/') + ".py") ?? []);
        if (!forward.Contains("torch.sigmoid(logits)", StringComparison.Ordinal))
            throw new InvalidDataException("the TunableUNet's forward does not end in torch.sigmoid(logits) (unknown variant)");

        var encoder = new List<IReadOnlyList<ConvLayer>>();
        foreach (PyObject block in Children(Child(root, "encoder", "ModuleList")))
            encoder.Add(EncodeBlock(archive, block));
        if (encoder.Count == 0)
            throw new InvalidDataException("the TunableUNet has no encoder blocks");
        var decoder = new List<DecoderStage>();
        foreach (PyObject block in Children(Child(root, "decoder", "ModuleList")))
            decoder.Add(DecodeBlock(archive, block));
        if (decoder.Count != encoder.Count - 1)
            throw new InvalidDataException($"the TunableUNet has {encoder.Count} encoder but {decoder.Count} decoder blocks");
        ConvLayer last = Sequence(archive, [Child(root, "last", "Conv2d")], "last").Single();

        // The channels must chain: encoder i feeds i+1; decoder j concatenates skip (encoder depth-1-j) and its up-sampling.
        int channels = encoder[0][0].In;
        foreach (var block in encoder)
            channels = Chain(block, channels, "encoder");
        for (int j = 0; j < decoder.Count; j++)
        {
            DecoderStage d = decoder[j];
            if (d.Up.In != channels)
                throw new InvalidDataException($"decoder {j}: up-sampling takes {d.Up.In} channels, the previous stage gives {channels}");
            int skip = encoder[encoder.Count - 2 - j][^1].Out;
            channels = Chain(d.Block, skip + d.Up.Out, $"decoder {j}");
        }
        Chain([last], channels, "last");
        if (encoder[0][0].In != 1 || last.Out != 1)
            throw new InvalidDataException($"the network maps {encoder[0][0].In} to {last.Out} channels; only 1 → 1 (grey image → mask) is supported");
        return new UNetSpec { InChannels = 1, Encoder = encoder, Decoder = decoder, Last = last };
    }

    private static int Chain(IReadOnlyList<ConvLayer> block, int channels, string where)
    {
        foreach (ConvLayer c in block)
        {
            if (c.In != channels)
                throw new InvalidDataException($"{where}: a convolution takes {c.In} channels but gets {channels}");
            channels = c.Out;
        }
        return channels;
    }

    private static IReadOnlyList<ConvLayer> EncodeBlock(TorchScriptArchive archive, PyObject block)
    {
        Expect(block, "EncodeBlock");
        var layers = Sequence(archive, Children(Child(block, "block", "Sequential")), "EncodeBlock");
        if (layers.Count == 0 || layers.Any(l => l.Kernel != 3))
            throw new InvalidDataException("an EncodeBlock must hold 3×3 convolutions");
        return layers;
    }

    private static DecoderStage DecodeBlock(TorchScriptArchive archive, PyObject block)
    {
        Expect(block, "DecodeBlock");
        UpLayer up = Up(archive, block.State.GetValueOrDefault("up") as PyObject ?? throw new InvalidDataException("a DecodeBlock has no 'up' module"));
        AttentionGate? gate = null;
        if (block.State.GetValueOrDefault("attention") is true)
            gate = Attention(archive, Child(block, "attn_block", "AttentionBlock"));
        return new DecoderStage { Up = up, Attention = gate, Block = EncodeBlock(archive, Child(block, "conv_block", "EncodeBlock")) };
    }

    private static UpLayer Up(TorchScriptArchive archive, PyObject up)
    {
        List<PyObject> modules = ClassName(up) == "Sequential" ? Children(up) : [up];
        if (modules.Count == 1 && ClassName(modules[0]) == "ConvTranspose2d")
        {
            PyObject t = modules[0];
            var f = archive.Finals(t.Type);
            CheckInts(f, t, "stride", 2, 2);
            CheckInts(f, t, "padding", 0, 0);
            CheckInts(f, t, "output_padding", 0, 0);
            CheckInts(f, t, "dilation", 1, 1);
            CheckInts(f, t, "groups", 1);
            TensorRef w = Tensor(t, "weight");
            if (w.Shape is not [var cin, var cout, 2, 2])
                throw new InvalidDataException($"ConvTranspose2d weight of shape ({string.Join(", ", w.Shape)}); only 2×2 kernels are supported");
            return new UpLayer
            {
                In = (int)cin,
                Out = (int)cout,
                TransposedWeight = archive.Floats(w, "ConvTranspose2d.weight"),
                TransposedBias = t.State.GetValueOrDefault("bias") is TensorRef b ? archive.Floats(b, "ConvTranspose2d.bias") : new float[cout],
            };
        }
        if (modules.Count == 2 && ClassName(modules[0]) == "Upsample" && ClassName(modules[1]) == "Conv2d")
        {
            var f = archive.Finals(modules[0].Type);
            if (f.GetValueOrDefault("mode") != "\"bilinear\"" || f.GetValueOrDefault("align_corners") != "True"
                || !double.TryParse(f.GetValueOrDefault("scale_factor"), System.Globalization.CultureInfo.InvariantCulture, out double scale) || scale != 2)
                throw new InvalidDataException("only Upsample(mode='bilinear', scale_factor=2, align_corners=True) is supported");
            ConvLayer conv = Sequence(archive, [modules[1]], "up").Single();
            if (conv.Kernel != 1)
                throw new InvalidDataException("the convolution after bilinear up-sampling must be 1×1");
            return new UpLayer { In = conv.In, Out = conv.Out, Conv = conv };
        }
        throw new InvalidDataException("unsupported up-sampling: " + string.Join(" + ", modules.Select(m => m.Type.ToString())));
    }

    private static AttentionGate Attention(TorchScriptArchive archive, PyObject block)
    {
        ConvLayer wg = Sequence(archive, Children(Child(block, "W_g", "Sequential")), "AttentionBlock.W_g").Single();
        ConvLayer wx = Sequence(archive, Children(Child(block, "W_x", "Sequential")), "AttentionBlock.W_x").Single();
        ConvLayer psi = Sequence(archive, Children(Child(block, "psi", "Sequential")), "AttentionBlock.psi").Single();
        if (psi.Activation != Activation.Sigmoid || psi.Out != 1 || wg.Out != wx.Out || psi.In != wg.Out || wg.Kernel != 1 || wx.Kernel != 1 || psi.Kernel != 1)
            throw new InvalidDataException("unsupported AttentionBlock layout");
        PyObject act = block.State.GetValueOrDefault("activation") as PyObject ?? throw new InvalidDataException("AttentionBlock without activation");
        (Activation a, float slope) = ActivationOf(archive, act);
        return new AttentionGate { Wg = wg, Wx = wx, Psi = psi, Activation = a, Slope = slope };
    }

    /// <summary>Conv2d [BatchNorm2d] [activation] [dropout] … as fused layers.</summary>
    private static List<ConvLayer> Sequence(TorchScriptArchive archive, IEnumerable<PyObject> modules, string where)
    {
        var layers = new List<ConvLayer>();
        PyObject? conv = null, bn = null;
        Activation act = Activation.None;
        float slope = 0;
        foreach (PyObject m in modules)
        {
            switch (ClassName(m))
            {
                case "Conv2d":
                    Flush();
                    conv = m;
                    break;
                case "BatchNorm2d" when conv is not null && bn is null && act == Activation.None:
                    bn = m;
                    break;
                case "ReLU" or "LeakyReLU" or "Sigmoid" when conv is not null && act == Activation.None:
                    (act, slope) = ActivationOf(archive, m);
                    break;
                case "Dropout" or "Dropout2d" or "Identity":
                    break; // identity at inference
                default:
                    throw new InvalidDataException($"unsupported module class '{m.Type}' in {where}");
            }
        }
        Flush();
        return layers;

        void Flush()
        {
            if (conv is not null)
                layers.Add(Fold(archive, conv, bn, act, slope));
            conv = bn = null;
            act = Activation.None;
            slope = 0;
        }
    }

    private static (Activation, float) ActivationOf(TorchScriptArchive archive, PyObject m) => ClassName(m) switch
    {
        "ReLU" => (Activation.Relu, 0f),
        "Sigmoid" => (Activation.Sigmoid, 0f),
        "LeakyReLU" => (Activation.LeakyRelu, (float)TorchScriptArchive.Float(archive.Finals(m.Type), "negative_slope", m.Type)),
        _ => throw new InvalidDataException($"unsupported activation '{m.Type}'"),
    };

    /// <summary>Conv2d (+ BatchNorm2d folded: w' = w·γ/√(var+eps), b' = (b − μ)·γ/√(var+eps) + β, in float32 as torch).</summary>
    private static ConvLayer Fold(TorchScriptArchive archive, PyObject conv, PyObject? bn, Activation act, float slope)
    {
        var f = archive.Finals(conv.Type);
        CheckInts(f, conv, "stride", 1, 1);
        CheckInts(f, conv, "groups", 1);
        if (f.GetValueOrDefault("padding_mode") is { } mode && mode != "\"zeros\"")
            throw new InvalidDataException($"Conv2d padding_mode {mode} is not supported (only zeros)");
        int[] dilation = TorchScriptArchive.IntTuple(f, "dilation", conv.Type);
        int[] padding = TorchScriptArchive.IntTuple(f, "padding", conv.Type);
        TensorRef wt = Tensor(conv, "weight");
        if (wt.Shape is not [var cout, var cin, var kh, var kw] || kh != kw)
            throw new InvalidDataException($"Conv2d weight of shape ({string.Join(", ", wt.Shape)}); only square kernels are supported");
        int k = (int)kh;
        if (k is < 1 or > 15 || dilation[0] is < 1 or > 16 || cout is < 1 or > 4096 || cin is < 1 or > 4096)
            throw new InvalidDataException($"Conv2d {cin}→{cout} with a {k}×{k} kernel and dilation {dilation[0]} is outside the supported range");
        if (dilation[0] != dilation[^1] || padding[0] != padding[^1] || 2 * padding[0] != dilation[0] * (k - 1))
            throw new InvalidDataException($"Conv2d {k}×{k} with padding ({string.Join(", ", padding)}) and dilation ({string.Join(", ", dilation)}) does not keep the image size");
        float[] w = archive.Floats(wt, "Conv2d.weight");
        float[] b = conv.State.GetValueOrDefault("bias") is TensorRef bt ? archive.Floats(bt, "Conv2d.bias") : new float[cout];
        if (b.Length != cout)
            throw new InvalidDataException("Conv2d bias does not match its weight");
        if (bn is not null)
        {
            float eps = (float)TorchScriptArchive.Float(archive.Finals(bn.Type), "eps", bn.Type);
            float[] mean = archive.Floats(Tensor(bn, "running_mean"), "BatchNorm2d.running_mean");
            float[] var = archive.Floats(Tensor(bn, "running_var"), "BatchNorm2d.running_var");
            float[]? gamma = bn.State.GetValueOrDefault("weight") is TensorRef g ? archive.Floats(g, "BatchNorm2d.weight") : null;
            float[]? beta = bn.State.GetValueOrDefault("bias") is TensorRef be ? archive.Floats(be, "BatchNorm2d.bias") : null;
            if (mean.Length != cout || var.Length != cout)
                throw new InvalidDataException("BatchNorm2d does not match the convolution before it");
            int per = w.Length / (int)cout;
            for (int o = 0; o < cout; o++)
            {
                float rsqrt = 1f / MathF.Sqrt(var[o] + eps);
                float scale = (gamma?[o] ?? 1f) * rsqrt;
                for (int i = 0; i < per; i++)
                    w[o * per + i] *= scale;
                b[o] = (b[o] - mean[o]) * rsqrt * (gamma?[o] ?? 1f) + (beta?[o] ?? 0f);
            }
        }
        return new ConvLayer
        {
            In = (int)cin,
            Out = (int)cout,
            Kernel = k,
            Dilation = dilation[0],
            Padding = padding[0],
            Weight = w,
            Bias = b,
            Activation = act,
            Slope = slope,
            FoldedBatchNorm = bn is not null,
        };
    }

    private static void CheckInts(IReadOnlyDictionary<string, string> finals, PyObject m, string name, params int[] expected)
    {
        int[] actual = TorchScriptArchive.IntTuple(finals, name, m.Type);
        if (!actual.SequenceEqual(expected))
            throw new InvalidDataException($"{ClassName(m)} with {name} ({string.Join(", ", actual)}) is not supported (only ({string.Join(", ", expected)}))");
    }

    private static TensorRef Tensor(PyObject m, string name)
        => m.State.GetValueOrDefault(name) as TensorRef ?? throw new InvalidDataException($"{ClassName(m)} has no tensor '{name}'");

    private static string ClassName(PyObject m) => m.Type.Name;

    private static void Expect(PyObject m, string className)
    {
        if (ClassName(m) != className)
            throw new InvalidDataException($"unsupported module class '{m.Type}' (expected {className})");
    }

    private static PyObject Child(PyObject m, string name, string className)
    {
        var child = m.State.GetValueOrDefault(name) as PyObject ?? throw new InvalidDataException($"{ClassName(m)} has no module '{name}'");
        Expect(child, className);
        return child;
    }

    /// <summary>The numbered children of a Sequential or ModuleList ("0", "1", …), in order.</summary>
    private static List<PyObject> Children(PyObject m)
    {
        var items = new List<PyObject>();
        for (int i = 0; m.State.TryGetValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out object? v); i++)
            items.Add(v as PyObject ?? throw new InvalidDataException($"{ClassName(m)} item {i} is not a module"));
        return items;
    }

    /// <summary>Every tensor in the module tree with its dotted name (<c>encoder.0.block.0.weight</c>), in pickle order.</summary>
    public static IEnumerable<(string Name, TensorRef Tensor)> Tensors(PyObject m, string prefix = "")
    {
        foreach (var (key, value) in m.State)
        {
            if (value is TensorRef t)
                yield return (prefix + key, t);
            else if (value is PyObject child)
            {
                foreach (var item in Tensors(child, prefix + key + "."))
                    yield return item;
            }
        }
    }
}
