namespace Dcnum.Segmentation.Torch.Network;

/// <summary>What follows a convolution in its epilogue.</summary>
internal enum Activation
{
    None,
    Relu,
    /// <summary>LeakyReLU with <see cref="ConvLayer.Slope"/>.</summary>
    LeakyRelu,
    /// <summary>Sigmoid (the attention gate's psi).</summary>
    Sigmoid,
}

/// <summary>
/// A "same" 2-D convolution (stride 1, output size = input size) with batch norm already folded
/// into <see cref="Weight"/> and <see cref="Bias"/>, and its activation.
/// </summary>
internal sealed class ConvLayer
{
    public required int In { get; init; }
    public required int Out { get; init; }
    public required int Kernel { get; init; }
    public int Dilation { get; init; } = 1;
    public int Padding { get; init; }
    /// <summary>[Out][In][Kernel][Kernel].</summary>
    public required float[] Weight { get; init; }
    /// <summary>[Out].</summary>
    public required float[] Bias { get; init; }
    public Activation Activation { get; init; }
    public float Slope { get; init; }
    /// <summary>Whether a batch norm was folded into the weights (for <c>dcnum info</c>).</summary>
    public bool FoldedBatchNorm { get; init; }

    public string Describe()
        => $"conv {Kernel}×{Kernel} {In}→{Out}" + (Dilation != 1 ? $" dilation {Dilation}" : "") + (FoldedBatchNorm ? " +BN" : "")
            + Activation switch { Activation.Relu => " +ReLU", Activation.LeakyRelu => $" +LeakyReLU({Slope})", Activation.Sigmoid => " +sigmoid", _ => "" };
}

/// <summary>Up-sampling ×2: a 2×2 stride-2 transposed convolution, or bilinear (align_corners) + 1×1 convolution.</summary>
internal sealed class UpLayer
{
    public required int In { get; init; }
    public required int Out { get; init; }
    /// <summary>Transposed convolution weights [In][Out][2][2], or null for bilinear + <see cref="Conv"/>.</summary>
    public float[]? TransposedWeight { get; init; }
    public float[]? TransposedBias { get; init; }
    public ConvLayer? Conv { get; init; }

    public string Describe() => TransposedWeight is not null ? $"convT 2×2/2 {In}→{Out}" : $"bilinear ×2 + {Conv!.Describe()}";
}

/// <summary>An attention gate: psi = sigmoid(BN(conv1×1(act(W_g·g + W_x·x)))), output x·psi.</summary>
internal sealed class AttentionGate
{
    public required ConvLayer Wg { get; init; }
    public required ConvLayer Wx { get; init; }
    /// <summary>The activation of g1 + x1 (ReLU or LeakyReLU).</summary>
    public required Activation Activation { get; init; }
    public float Slope { get; init; }
    public required ConvLayer Psi { get; init; }
}

/// <summary>One decoder stage: up-sample, (gate the skip,) concatenate [skip, up], convolve.</summary>
internal sealed class DecoderStage
{
    public required UpLayer Up { get; init; }
    public AttentionGate? Attention { get; init; }
    public required IReadOnlyList<ConvLayer> Block { get; init; }
}

/// <summary>
/// A TunableUNet (cytosegment): encoder blocks with 2×2 max-pooling between them, decoder
/// stages using the encoder outputs as skips (the deepest first), a last 1×1 convolution and a
/// sigmoid. Everything the engine needs, with batch norms folded and dropouts dropped.
/// </summary>
internal sealed class UNetSpec
{
    public required int InChannels { get; init; }
    public required IReadOnlyList<IReadOnlyList<ConvLayer>> Encoder { get; init; }
    public required IReadOnlyList<DecoderStage> Decoder { get; init; }
    public required ConvLayer Last { get; init; }

    /// <summary>Pooling steps: the input height and width must be multiples of 2^Depth.</summary>
    public int Depth => Encoder.Count - 1;

    /// <summary>One line per stage, for <c>dcnum info</c>.</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"TunableUNet: depth {Depth}, {(Encoder[0].Count == 1 ? "single" : Encoder[0].Count == 2 ? "double" : Encoder[0].Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} conv per block, "
            + $"up-sampling by {(Decoder.Count > 0 && Decoder[0].Up.TransposedWeight is null ? "bilinear + 1×1 conv" : "transposed conv")}, "
            + $"attention {(Decoder.Any(d => d.Attention is not null) ? "on" : "off")}";
        for (int i = 0; i < Encoder.Count; i++)
            yield return $"  encoder {i}: " + string.Join(", ", Encoder[i].Select(c => c.Describe())) + (i < Depth ? ", max-pool 2×2" : "");
        for (int j = 0; j < Decoder.Count; j++)
        {
            DecoderStage d = Decoder[j];
            yield return $"  decoder {j}: {d.Up.Describe()}, " + (d.Attention is not null ? "attention gate, " : "") + "concat [skip, up], "
                + string.Join(", ", d.Block.Select(c => c.Describe()));
        }
        yield return $"  last: {Last.Describe()}, sigmoid, p >= 0.5";
    }
}
