using System.Runtime.Intrinsics;

namespace Dcnum.Segmentation.Torch.Network;

/// <summary>
/// Runs a <see cref="UNetSpec"/> on one frame of a fixed size: normalised float input in, 0/1
/// mask out (sigmoid ≥ 0.5). Holds every activation buffer of the pass, allocated once; one engine
/// per worker thread (not thread-safe). The plan is a list of steps built at construction:
/// encoder blocks write their last output straight into the first channels of the decoder's
/// concatenation buffer, the up-sampling into its last channels, so concatenation costs nothing.
/// </summary>
internal sealed class UNetEngine
{
    private readonly List<Action> _steps = [];
    private readonly FeatureMap _input;
    private readonly FeatureMap _logits;

    public int Height { get; }
    public int Width { get; }

    /// <summary>Whether the kernels run 8 floats wide (AVX) or 4 (SSE).</summary>
    public bool Wide { get; }

    /// <param name="wide">8-float kernels; by default where <see cref="Vector256.IsHardwareAccelerated"/> (tests force each width).</param>
    public UNetEngine(UNetSpec spec, int height, int width, bool? wide = null)
    {
        Wide = wide ?? Vector256.IsHardwareAccelerated;
        int depth = spec.Depth;
        if (height % (1 << depth) != 0 || width % (1 << depth) != 0)
            throw new InvalidDataException($"the model's image shape {height}×{width} is not a multiple of {1 << depth} (depth {depth})");
        Height = height;
        Width = width;
        int border = AllConvs(spec).Max(c => c.Padding);
        FeatureMap Map(int channels, int level) => new(channels, height >> level, width >> level, border);

        _input = Map(spec.InChannels, 0);
        var concat = new FeatureMap[depth];
        for (int l = 0; l < depth; l++)
        {
            DecoderStage stage = spec.Decoder[depth - 1 - l];
            concat[l] = Map(spec.Encoder[l][^1].Out + stage.Up.Out, l);
        }

        FeatureMap current = _input;
        for (int l = 0; l <= depth; l++)
        {
            if (l > 0)
            {
                FeatureMap pooled = Map(spec.Encoder[l - 1][^1].Out, l);
                FeatureMap from = concat[l - 1];
                int channels = pooled.Channels;
                _steps.Add(() => ConvKernels.MaxPool2x2(from, channels, pooled));
                current = pooled;
            }
            current = Block(spec.Encoder[l], current, 0, l < depth ? concat[l] : null, l, Map);
        }
        for (int j = 0; j < depth; j++)
        {
            int l = depth - 1 - j;
            DecoderStage stage = spec.Decoder[j];
            FeatureMap cat = concat[l];
            int skip = spec.Encoder[l][^1].Out;
            Up(stage.Up, current, cat, skip, l, Map);
            if (stage.Attention is { } gate)
                Attention(gate, cat, skip, l, Map);
            current = Block(stage.Block, cat, 0, null, l, Map);
        }
        _logits = Map(1, 0);
        Conv(spec.Last, current, 0, _logits, 0);
    }

    /// <summary>Segments one frame: <paramref name="input"/> is the normalised image (H×W), <paramref name="mask"/> gets 1 where p ≥ 0.5.</summary>
    public void Run(ReadOnlySpan<float> input, Span<byte> mask)
    {
        if (input.Length != Height * Width || mask.Length != Height * Width)
            throw new ArgumentException("input or mask size differs from the engine's frame size");
        for (int y = 0; y < Height; y++)
            input.Slice(y * Width, Width).CopyTo(_input.Data.AsSpan(_input.Index(0, y, 0), Width));
        foreach (Action step in _steps)
            step();
        for (int y = 0; y < Height; y++)
        {
            ReadOnlySpan<float> row = _logits.Data.AsSpan(_logits.Index(0, y, 0), Width);
            Span<byte> m = mask.Slice(y * Width, Width);
            for (int x = 0; x < Width; x++)
                m[x] = row[x] >= s_threshold ? (byte)1 : (byte)0;
        }
    }

    /// <summary>
    /// The smallest logit whose sigmoid (in double, rounded to float) is ≥ 0.5f: slightly below 0,
    /// since probabilities within half a float step of 0.5 round to 0.5. Comparing the logit with
    /// it is the same test as <c>Sigmoid(logit) &gt;= 0.5f</c>, without an exp per pixel.
    /// </summary>
    private static readonly float s_threshold = LogitThreshold();

    internal static float LogitThreshold()
    {
        // the sigmoid is monotonic: bisect t in [0, 1] (positive floats order like their bit patterns)
        // for the largest t with Sigmoid(-t) >= 0.5f; the threshold is -t
        int pass = 0, fail = BitConverter.SingleToInt32Bits(1f);
        while (fail - pass > 1)
        {
            int mid = pass + (fail - pass) / 2;
            if (ConvKernels.Sigmoid(-BitConverter.Int32BitsToSingle(mid)) >= 0.5f)
                pass = mid;
            else
                fail = mid;
        }
        return -BitConverter.Int32BitsToSingle(pass);
    }

    /// <summary>The probabilities of the last run (for tests).</summary>
    public float Probability(int y, int x) => ConvKernels.Sigmoid(_logits.Data[_logits.Index(0, y, x)]);

    private FeatureMap Block(IReadOnlyList<ConvLayer> block, FeatureMap input, int inOffset, FeatureMap? target, int level, Func<int, int, FeatureMap> map)
    {
        FeatureMap current = input;
        int offset = inOffset;
        for (int i = 0; i < block.Count; i++)
        {
            FeatureMap output = i == block.Count - 1 && target is not null ? target : map(block[i].Out, level);
            Conv(block[i], current, offset, output, 0);
            current = output;
            offset = 0;
        }
        return current;
    }

    private void Conv(ConvLayer layer, FeatureMap input, int inOffset, FeatureMap output, int outOffset)
    {
        if (Wide)
        {
            float[] wide = ConvKernels.Pack(layer, Float8.Count);
            _steps.Add(() => ConvKernels.Conv<Float8>(layer, wide, input, inOffset, output, outOffset));
            return;
        }
        float[] packed = ConvKernels.Pack(layer, Float4.Count);
        _steps.Add(() => ConvKernels.Conv<Float4>(layer, packed, input, inOffset, output, outOffset));
    }

    private void Up(UpLayer up, FeatureMap input, FeatureMap cat, int offset, int level, Func<int, int, FeatureMap> map)
    {
        if (up.TransposedWeight is not null)
        {
            float[] packed = ConvKernels.PackTransposed(up);
            _steps.Add(() => ConvKernels.ConvTranspose2x2(up, packed, input, cat, offset));
            return;
        }
        FeatureMap upsampled = map(up.In, level);
        _steps.Add(() => ConvKernels.UpsampleBilinear2x(input, upsampled));
        Conv(up.Conv!, upsampled, 0, cat, offset);
    }

    /// <summary>Gates the skip (channels [0, skip) of <paramref name="cat"/>) with the up-sampled channels after it.</summary>
    private void Attention(AttentionGate gate, FeatureMap cat, int skip, int level, Func<int, int, FeatureMap> map)
    {
        FeatureMap g1 = map(gate.Wg.Out, level), x1 = map(gate.Wx.Out, level), psi = map(1, level);
        Conv(gate.Wg, cat, skip, g1, 0);
        Conv(gate.Wx, cat, 0, x1, 0);
        _steps.Add(() => ConvKernels.AddActivate(g1, x1, gate.Activation, gate.Slope));
        Conv(gate.Psi, g1, 0, psi, 0);
        _steps.Add(() => ConvKernels.Gate(cat, skip, psi));
    }

    private static IEnumerable<ConvLayer> AllConvs(UNetSpec spec)
    {
        foreach (var block in spec.Encoder)
            foreach (ConvLayer c in block)
                yield return c;
        foreach (DecoderStage d in spec.Decoder)
        {
            foreach (ConvLayer c in d.Block)
                yield return c;
            if (d.Up.Conv is not null)
                yield return d.Up.Conv;
        }
        yield return spec.Last;
    }
}
