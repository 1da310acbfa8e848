using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dcnum.Segmentation.Torch.Network;

/// <summary>
/// The network's arithmetic on <see cref="FeatureMap"/>s: direct "same" convolutions (any square
/// kernel and dilation), the 2×2 stride-2 transposed convolution, 2×2 max-pooling, bilinear ×2
/// up-sampling and the attention gate's pieces.
/// </summary>
/// <remarks>
/// Written with <see cref="Vector128"/>: Native AOT compiles for the x64 baseline, where
/// <c>Vector256</c> is a software fallback (about 120× slower in this kernel), and Vector128 is
/// SSE. <see cref="Vector128.MultiplyAddEstimate"/> is an FMA where the build targets one, else a
/// multiply and an add; either rounds within the 1e-4 margin the reference masks allow (checked on
/// the goldens). Each output is bias + Σ over (input channel, ky, kx) in that order.
/// The register block is 4 output channels × 8 pixels (8 accumulators, 2 loads and 4 broadcasts per tap).
/// </remarks>
internal static class ConvKernels
{
    /// <summary>
    /// Weights of <paramref name="layer"/> re-ordered for <see cref="Conv"/>: for each block of 4
    /// output channels [tap][4 channels][4 copies] (tap = (c, ky, kx); the copies make each weight
    /// one vector load, SSE has no broadcast load), then for each remaining channel [tap].
    /// </summary>
    public static float[] Pack(ConvLayer layer, int lanes)
    {
        int taps = layer.In * layer.Kernel * layer.Kernel;
        int blocks = layer.Out / 4;
        var packed = new float[blocks * taps * 4 * lanes + (layer.Out - blocks * 4) * taps];
        for (int b = 0; b < blocks; b++)
            for (int t = 0; t < taps; t++)
                for (int o = 0; o < 4; o++)
                    packed.AsSpan(((b * taps + t) * 4 + o) * lanes, lanes).Fill(layer.Weight[(b * 4 + o) * taps + t]);
        Array.Copy(layer.Weight, blocks * 4 * taps, packed, blocks * taps * 4 * lanes, (layer.Out - blocks * 4) * taps);
        return packed;
    }

    /// <summary>
    /// output[outOffset + o] = act(bias[o] + Σ weight · input[inOffset + c]) for every interior pixel.
    /// Input and output have the same height and width.
    /// </summary>
    public static void Conv<TV>(ConvLayer layer, float[] packed, FeatureMap input, int inOffset, FeatureMap output, int outOffset)
        where TV : struct, IFloatVector<TV>
    {
        int taps = layer.In * layer.Kernel * layer.Kernel;
        int blocks = layer.Out / 4;
        int block = taps * 4 * TV.Count;
        for (int b = 0; b < blocks; b++)
            for (int y = 0; y < input.Height; y++)
                ConvRow4<TV>(layer, packed.AsSpan(b * block, block), b * 4, input, inOffset, output, outOffset, y);
        for (int o = blocks * 4; o < layer.Out; o++)
            for (int y = 0; y < input.Height; y++)
                ConvRow1<TV>(layer, packed.AsSpan(blocks * block + (o - blocks * 4) * taps, taps), o, input, inOffset, output, outOffset, y);
        if (layer.Activation == Activation.Sigmoid)
        {
            for (int o = 0; o < layer.Out; o++)
                for (int y = 0; y < output.Height; y++)
                {
                    Span<float> row = output.Data.AsSpan(output.Index(outOffset + o, y, 0), output.Width);
                    for (int x = 0; x < row.Length; x++)
                        row[x] = Sigmoid(row[x]);
                }
        }
    }

    private static void ConvRow4<TV>(ConvLayer layer, ReadOnlySpan<float> w, int o0, FeatureMap input, int inOffset, FeatureMap output, int outOffset, int y)
        where TV : struct, IFloatVector<TV>
    {
        int k = layer.Kernel, d = layer.Dilation, shift = input.Border - layer.Padding;
        int width = input.Width, n = TV.Count;
        ref float src = ref MemoryMarshal.GetArrayDataReference(input.Data);
        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float dst = ref MemoryMarshal.GetArrayDataReference(output.Data);
        int outRow = output.Index(outOffset + o0, y, 0);
        int rowStep = d * input.Stride;
        Activation act = layer.Activation;
        float slope = layer.Slope;
        int x = 0;
        for (; x + 2 * n <= width; x += 2 * n)
        {
            TV a0 = TV.Broadcast(layer.Bias[o0]), a1 = TV.Broadcast(layer.Bias[o0 + 1]);
            TV a2 = TV.Broadcast(layer.Bias[o0 + 2]), a3 = TV.Broadcast(layer.Bias[o0 + 3]);
            TV b0 = a0, b1 = a1, b2 = a2, b3 = a3;
            ref float wt = ref wr;
            ref float s = ref Unsafe.Add(ref src, (inOffset * input.PlaneSize) + (y + shift) * input.Stride + x + shift);
            for (int c = 0; c < layer.In; c++, s = ref Unsafe.Add(ref s, input.PlaneSize))
            {
                ref float r = ref s;
                for (int ky = 0; ky < k; ky++, r = ref Unsafe.Add(ref r, rowStep))
                {
                    ref float q = ref r;
                    for (int kx = 0; kx < k; kx++, q = ref Unsafe.Add(ref q, d), wt = ref Unsafe.Add(ref wt, 4 * n))
                    {
                        TV v0 = TV.Load(ref q, 0);
                        TV v1 = TV.Load(ref q, n);
                        TV w0 = TV.Load(ref wt, 0);
                        a0 = TV.MultiplyAdd(v0, w0, a0);
                        b0 = TV.MultiplyAdd(v1, w0, b0);
                        TV w1 = TV.Load(ref wt, n);
                        a1 = TV.MultiplyAdd(v0, w1, a1);
                        b1 = TV.MultiplyAdd(v1, w1, b1);
                        TV w2 = TV.Load(ref wt, 2 * n);
                        a2 = TV.MultiplyAdd(v0, w2, a2);
                        b2 = TV.MultiplyAdd(v1, w2, b2);
                        TV w3 = TV.Load(ref wt, 3 * n);
                        a3 = TV.MultiplyAdd(v0, w3, a3);
                        b3 = TV.MultiplyAdd(v1, w3, b3);
                    }
                }
            }
            // no calls in here: the accumulators stay in registers (a sigmoid is applied afterwards)
            int p = outRow + x;
            TV.Store(a0, ref dst, p, act, slope); TV.Store(b0, ref dst, p + n, act, slope); p += output.PlaneSize;
            TV.Store(a1, ref dst, p, act, slope); TV.Store(b1, ref dst, p + n, act, slope); p += output.PlaneSize;
            TV.Store(a2, ref dst, p, act, slope); TV.Store(b2, ref dst, p + n, act, slope); p += output.PlaneSize;
            TV.Store(a3, ref dst, p, act, slope); TV.Store(b3, ref dst, p + n, act, slope);
        }
        for (int o = 0; o < 4; o++)
            ConvTail(layer, w, o * n, 4 * n, o0 + o, input, inOffset, output, outOffset, y, x);
    }

    private static void ConvRow1<TV>(ConvLayer layer, ReadOnlySpan<float> w, int o, FeatureMap input, int inOffset, FeatureMap output, int outOffset, int y)
        where TV : struct, IFloatVector<TV>
    {
        int k = layer.Kernel, d = layer.Dilation, shift = input.Border - layer.Padding, n = TV.Count;
        ref float src = ref MemoryMarshal.GetArrayDataReference(input.Data);
        ref float dst = ref MemoryMarshal.GetArrayDataReference(output.Data);
        ref float wr = ref MemoryMarshal.GetReference(w);
        int outRow = output.Index(outOffset + o, y, 0);
        int rowStep = d * input.Stride;
        Activation act = layer.Activation;
        int x = 0;
        for (; x + 4 * n <= input.Width; x += 4 * n)
        {
            TV a0 = TV.Broadcast(layer.Bias[o]), a1 = a0, a2 = a0, a3 = a0;
            ref float wt = ref wr;
            ref float s = ref Unsafe.Add(ref src, inOffset * input.PlaneSize + (y + shift) * input.Stride + x + shift);
            for (int c = 0; c < layer.In; c++, s = ref Unsafe.Add(ref s, input.PlaneSize))
            {
                ref float r = ref s;
                for (int ky = 0; ky < k; ky++, r = ref Unsafe.Add(ref r, rowStep))
                {
                    ref float q = ref r;
                    for (int kx = 0; kx < k; kx++, q = ref Unsafe.Add(ref q, d), wt = ref Unsafe.Add(ref wt, 1))
                    {
                        TV wv = TV.Broadcast(wt);
                        a0 = TV.MultiplyAdd(TV.Load(ref q, 0), wv, a0);
                        a1 = TV.MultiplyAdd(TV.Load(ref q, n), wv, a1);
                        a2 = TV.MultiplyAdd(TV.Load(ref q, 2 * n), wv, a2);
                        a3 = TV.MultiplyAdd(TV.Load(ref q, 3 * n), wv, a3);
                    }
                }
            }
            int p = outRow + x;
            TV.Store(a0, ref dst, p, act, layer.Slope); TV.Store(a1, ref dst, p + n, act, layer.Slope);
            TV.Store(a2, ref dst, p + 2 * n, act, layer.Slope); TV.Store(a3, ref dst, p + 3 * n, act, layer.Slope);
        }
        ConvTail(layer, w, 0, 1, o, input, inOffset, output, outOffset, y, x);
    }

    /// <summary>Pixels x0… of one row and one output channel, scalar (widths that are not a multiple of the vector block).</summary>
    private static void ConvTail(ConvLayer layer, ReadOnlySpan<float> w, int lane, int tapStride, int o, FeatureMap input, int inOffset, FeatureMap output, int outOffset, int y, int x0)
    {
        int k = layer.Kernel, d = layer.Dilation, shift = input.Border - layer.Padding;
        for (int x = x0; x < input.Width; x++)
        {
            float a = layer.Bias[o];
            int t = 0;
            for (int c = 0; c < layer.In; c++)
                for (int ky = 0; ky < k; ky++)
                {
                    int row = (inOffset + c) * input.PlaneSize + (y + shift + ky * d) * input.Stride + x + shift;
                    for (int kx = 0; kx < k; kx++, t++)
                        a += input.Data[row + kx * d] * w[t * tapStride + lane];
                }
            output.Data[output.Index(outOffset + o, y, x)] = layer.Activation == Activation.Sigmoid ? a : Activate(layer.Activation, layer.Slope, a);
        }
    }

    public static float Activate(Activation activation, float slope, float a) => activation switch
    {
        Activation.Relu => a > 0 ? a : 0,
        Activation.LeakyRelu => a >= 0 ? a : a * slope,
        Activation.Sigmoid => Sigmoid(a),
        _ => a,
    };

    /// <summary>The logistic function, computed in double and rounded to float.</summary>
    public static float Sigmoid(float x) => (float)(1.0 / (1.0 + Math.Exp(-(double)x)));

    /// <summary>Transposed-convolution weights [o][c][dy·2+dx][4 copies] (one vector load per weight).</summary>
    public static float[] PackTransposed(UpLayer up)
    {
        float[] w = up.TransposedWeight!;
        var packed = new float[up.Out * up.In * 16];
        for (int o = 0; o < up.Out; o++)
            for (int c = 0; c < up.In; c++)
                for (int q = 0; q < 4; q++)
                    packed.AsSpan(((o * up.In + c) * 4 + q) * 4, 4).Fill(w[(c * up.Out + o) * 4 + q]);
        return packed;
    }

    /// <summary>
    /// 2×2 stride-2 transposed convolution: output[outOffset + o][2y+dy][2x+dx] = bias[o] +
    /// Σ_c input[c][y][x] · weight[c][o][dy][dx]; the output is twice the input's size.
    /// <paramref name="packed"/> comes from <see cref="PackTransposed"/>.
    /// </summary>
    public static void ConvTranspose2x2(UpLayer up, float[] packed, FeatureMap input, FeatureMap output, int outOffset)
    {
        int cin = up.In;
        ref float src = ref MemoryMarshal.GetArrayDataReference(input.Data);
        ref float dst = ref MemoryMarshal.GetArrayDataReference(output.Data);
        for (int o = 0; o < up.Out; o++)
        {
            float bias = up.TransposedBias![o];
            ref float wo = ref packed[o * cin * 16];
            for (int y = 0; y < input.Height; y++)
            {
                int x = 0;
                if (Sse.IsSupported)
                {
                    for (; x + 4 <= input.Width; x += 4)
                    {
                        Vector128<float> a00 = Vector128.Create(bias), a01 = a00, a10 = a00, a11 = a00;
                        ref float s = ref Unsafe.Add(ref src, input.Index(0, y, x));
                        ref float wc = ref wo;
                        for (int c = 0; c < cin; c++, s = ref Unsafe.Add(ref s, input.PlaneSize), wc = ref Unsafe.Add(ref wc, 16))
                        {
                            Vector128<float> v = Vector128.LoadUnsafe(ref s);
                            a00 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref wc), a00);
                            a01 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref wc, 4), a01);
                            a10 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref wc, 8), a10);
                            a11 = Vector128.MultiplyAddEstimate(v, Vector128.LoadUnsafe(ref wc, 12), a11);
                        }
                        int top = output.Index(outOffset + o, 2 * y, 2 * x);
                        int bottom = top + output.Stride;
                        Sse.UnpackLow(a00, a01).StoreUnsafe(ref dst, (nuint)top);
                        Sse.UnpackHigh(a00, a01).StoreUnsafe(ref dst, (nuint)(top + 4));
                        Sse.UnpackLow(a10, a11).StoreUnsafe(ref dst, (nuint)bottom);
                        Sse.UnpackHigh(a10, a11).StoreUnsafe(ref dst, (nuint)(bottom + 4));
                    }
                }
                for (; x < input.Width; x++)
                {
                    for (int q = 0; q < 4; q++)
                    {
                        float a = bias;
                        for (int c = 0; c < cin; c++)
                            a += input.Data[input.Index(c, y, x)] * packed[((o * cin + c) * 4 + q) * 4];
                        output.Data[output.Index(outOffset + o, 2 * y + q / 2, 2 * x + q % 2)] = a;
                    }
                }
            }
        }
    }

    /// <summary>2×2 max-pooling (stride 2, floor) of channels [0, channels) of <paramref name="input"/>.</summary>
    public static void MaxPool2x2(FeatureMap input, int channels, FeatureMap output)
    {
        ref float src = ref MemoryMarshal.GetArrayDataReference(input.Data);
        ref float dst = ref MemoryMarshal.GetArrayDataReference(output.Data);
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < output.Height; y++)
            {
                int r0 = input.Index(c, 2 * y, 0), r1 = r0 + input.Stride, o = output.Index(c, y, 0);
                int x = 0;
                if (Sse.IsSupported)
                {
                    for (; x + 4 <= output.Width; x += 4)
                    {
                        // rows max, then even/odd columns max (torch's max-pool ignores NaN order here: none occur)
                        Vector128<float> lo = Vector128.Max(Vector128.LoadUnsafe(ref src, (nuint)(r0 + 2 * x)), Vector128.LoadUnsafe(ref src, (nuint)(r1 + 2 * x)));
                        Vector128<float> hi = Vector128.Max(Vector128.LoadUnsafe(ref src, (nuint)(r0 + 2 * x + 4)), Vector128.LoadUnsafe(ref src, (nuint)(r1 + 2 * x + 4)));
                        Vector128.Max(Sse.Shuffle(lo, hi, 0b10_00_10_00), Sse.Shuffle(lo, hi, 0b11_01_11_01)).StoreUnsafe(ref dst, (nuint)(o + x));
                    }
                }
                for (; x < output.Width; x++)
                {
                    float m = Max(Max(input.Data[r0 + 2 * x], input.Data[r0 + 2 * x + 1]), Max(input.Data[r1 + 2 * x], input.Data[r1 + 2 * x + 1]));
                    output.Data[o + x] = m;
                }
            }

        static float Max(float a, float b) => a >= b || float.IsNaN(a) ? a : b;
    }

    /// <summary>Bilinear ×2 up-sampling with align_corners=True (source = destination · (n−1)/(2n−1), in float as torch).</summary>
    public static void UpsampleBilinear2x(FeatureMap input, FeatureMap output)
    {
        int h = input.Height, w = input.Width, oh = output.Height, ow = output.Width;
        float sy = oh > 1 ? (float)(h - 1) / (oh - 1) : 0f, sx = ow > 1 ? (float)(w - 1) / (ow - 1) : 0f;
        for (int c = 0; c < input.Channels; c++)
            for (int y = 0; y < oh; y++)
            {
                float fy = sy * y;
                int y0 = Math.Min((int)fy, h - 1), y1 = Math.Min(y0 + 1, h - 1);
                float ly = fy - y0;
                for (int x = 0; x < ow; x++)
                {
                    float fx = sx * x;
                    int x0 = Math.Min((int)fx, w - 1), x1 = Math.Min(x0 + 1, w - 1);
                    float lx = fx - x0;
                    float top = (1 - lx) * input.Data[input.Index(c, y0, x0)] + lx * input.Data[input.Index(c, y0, x1)];
                    float bottom = (1 - lx) * input.Data[input.Index(c, y1, x0)] + lx * input.Data[input.Index(c, y1, x1)];
                    output.Data[output.Index(c, y, x)] = (1 - ly) * top + ly * bottom;
                }
            }
    }

    /// <summary>a[c] = act(a[c] + b[c]) over the interiors (the attention gate's g1 + x1).</summary>
    public static void AddActivate(FeatureMap a, FeatureMap b, Activation activation, float slope)
    {
        for (int c = 0; c < a.Channels; c++)
            for (int y = 0; y < a.Height; y++)
                for (int x = 0; x < a.Width; x++)
                {
                    int i = a.Index(c, y, x);
                    a.Data[i] = Activate(activation, slope, a.Data[i] + b.Data[i]);
                }
    }

    /// <summary>x[c] *= psi[0] for channels [0, channels) of <paramref name="x"/> (the gated skip, in place).</summary>
    public static void Gate(FeatureMap x, int channels, FeatureMap psi)
    {
        for (int c = 0; c < channels; c++)
            for (int y = 0; y < x.Height; y++)
                for (int i = 0; i < x.Width; i++)
                    x.Data[x.Index(c, y, i)] *= psi.Data[psi.Index(0, y, i)];
    }
}
