using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dcnum.Segmentation.Torch.Export.Kernels;

/// <summary>Convolution hyper-parameters as (height, width) pairs, as aten's conv ops take them.</summary>
internal readonly record struct Conv2dParams((int H, int W) Stride, (int H, int W) Padding, (int H, int W) Dilation,
    (int H, int W) OutputPadding, int Groups);

/// <summary>Per-interpreter buffers of the convolution kernels, grown on demand and reused.</summary>
internal sealed class KernelScratch
{
    private float[] _padded = [];
    private float[] _packed = [];

    public float[] Padded(int length) => _padded.Length >= length ? _padded : _padded = new float[length];

    public float[] Packed(int length) => _packed.Length >= length ? _packed : _packed = new float[length];
}

/// <summary>
/// NCHW 2-D convolution and transposed convolution in float32, each sample on its own (so a
/// frame's result does not depend on the batch it runs in).
///
/// Convolution with stride 1 and one group (every conv of the TunableUNet family) runs a direct
/// kernel on a zero-padded copy of the sample: 4 output channels × 8 pixels (two Vector128) per
/// register block, summing over (input channel, ky, kx) from the bias, with a separate multiply
/// and add so every ISA gives the same bits. Vector128, not Vector256: at the default Native AOT
/// target (x86-64 baseline) Vector256 is a software fallback about 100× slower. Other strides and
/// grouped convolutions take a scalar loop with the same summation order.
///
/// Transposed convolution computes, per (output channel, ky, kx), the input-channel sum for a
/// row of 4 input pixels in a vector and adds it to the output pixels those inputs reach, which
/// start at the bias (for kernel = stride, as in the U-Net's up-convolutions, every output
/// pixel gets exactly one such sum).
/// </summary>
internal static unsafe class Convolution2d
{
    public static int[] OutputShape(int[] x, int[] w, Tensor? bias, Conv2dParams p)
    {
        CheckCommon(p);
        int cin = x[1], cout = w[0];
        if (w[1] * p.Groups != cin || cout % p.Groups != 0)
            throw new InvalidOperationException($"weight [{string.Join(", ", w)}] does not fit {cin} input channels in {p.Groups} group(s)");
        CheckBias(bias, cout);
        int oh = (x[2] + 2 * p.Padding.H - p.Dilation.H * (w[2] - 1) - 1) / p.Stride.H + 1;
        int ow = (x[3] + 2 * p.Padding.W - p.Dilation.W * (w[3] - 1) - 1) / p.Stride.W + 1;
        if (oh <= 0 || ow <= 0 || x[2] + 2 * p.Padding.H < p.Dilation.H * (w[2] - 1) + 1 || x[3] + 2 * p.Padding.W < p.Dilation.W * (w[3] - 1) + 1)
            throw new InvalidOperationException($"input [{string.Join(", ", x)}] is smaller than the kernel");
        return [x[0], cout, oh, ow];
    }

    public static int[] TransposedOutputShape(int[] x, int[] w, Tensor? bias, Conv2dParams p)
    {
        CheckCommon(p);
        int cin = x[1];
        if (w[0] != cin)
            throw new InvalidOperationException($"transposed weight [{string.Join(", ", w)}] does not fit {cin} input channels");
        if (cin % p.Groups != 0)
            throw new InvalidOperationException($"{cin} input channels do not split into {p.Groups} groups");
        int cout = w[1] * p.Groups;
        CheckBias(bias, cout);
        int oh = (x[2] - 1) * p.Stride.H - 2 * p.Padding.H + p.Dilation.H * (w[2] - 1) + p.OutputPadding.H + 1;
        int ow = (x[3] - 1) * p.Stride.W - 2 * p.Padding.W + p.Dilation.W * (w[3] - 1) + p.OutputPadding.W + 1;
        if (oh <= 0 || ow <= 0)
            throw new InvalidOperationException("transposed convolution output would be empty");
        return [x[0], cout, oh, ow];
    }

    private static void CheckCommon(Conv2dParams p)
    {
        if (p.Stride.H <= 0 || p.Stride.W <= 0 || p.Dilation.H <= 0 || p.Dilation.W <= 0 || p.Groups <= 0
            || p.Padding.H < 0 || p.Padding.W < 0 || p.OutputPadding.H < 0 || p.OutputPadding.W < 0)
            throw new InvalidOperationException("convolution with a non-positive stride, dilation or groups, or a negative padding");
    }

    private static void CheckBias(Tensor? bias, int cout)
    {
        if (bias is not null && bias.Length != cout)
            throw new InvalidOperationException($"bias of {bias.Length} values for {cout} output channels");
    }

    public static void Run(Tensor x, Tensor w, Tensor? bias, Conv2dParams p, Tensor y, KernelScratch scratch)
    {
        if (p.Stride == (1, 1) && p.Groups == 1)
            RunStride1(x, w, bias, p, y, scratch);
        else
            RunGeneral(x, w, bias, p, y);
    }

    private static void RunStride1(Tensor x, Tensor w, Tensor? bias, Conv2dParams p, Tensor y, KernelScratch scratch)
    {
        int n = x.Shape[0], cin = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int cout = y.Shape[1], oh = y.Shape[2], ow = y.Shape[3];
        int kh = w.Shape[2], kw = w.Shape[3];
        int hp = h + 2 * p.Padding.H, wp = wd + 2 * p.Padding.W;
        int k = cin * kh * kw;
        float[] padded = scratch.Padded(cin * hp * wp);
        float[] packed = scratch.Packed(cout * k);
        // weights of each block of 4 output channels interleaved: [k][4]
        int blocks = cout / 4;
        for (int bl = 0; bl < blocks; bl++)
            for (int i = 0; i < k; i++)
                for (int j = 0; j < 4; j++)
                    packed[(bl * k + i) * 4 + j] = w.F[(bl * 4 + j) * k + i];
        var conv = new Stride1(cin, hp, wp, kh, kw, p.Dilation.H, p.Dilation.W, oh, ow);
        fixed (float* src = padded, pk = packed, wt = w.F, dst = y.F)
        {
            for (int s = 0; s < n; s++)
            {
                // zero border, sample rows in the middle
                Array.Clear(padded, 0, cin * hp * wp);
                for (int c = 0; c < cin; c++)
                    for (int r = 0; r < h; r++)
                        x.F.AsSpan(((s * cin + c) * h + r) * wd, wd)
                            .CopyTo(padded.AsSpan((c * hp + r + p.Padding.H) * wp + p.Padding.W, wd));
                float* outSample = dst + (long)s * cout * oh * ow;
                int oc = 0;
                for (int bl = 0; bl < blocks; bl++, oc += 4)
                {
                    conv.Block4(src, pk + (long)bl * k * 4, outSample + (long)oc * oh * ow,
                        Bias(bias, oc), Bias(bias, oc + 1), Bias(bias, oc + 2), Bias(bias, oc + 3));
                }
                for (; oc < cout; oc++)
                    conv.Block1(src, wt + (long)oc * k, outSample + (long)oc * oh * ow, Bias(bias, oc));
            }
        }
    }

    private static float Bias(Tensor? bias, int oc) => bias is null ? 0f : bias.F[oc];

    /// <summary>The geometry of one stride-1 convolution over a zero-padded sample.</summary>
    private readonly struct Stride1(int cin, int hp, int wp, int kh, int kw, int dh, int dw, int oh, int ow)
    {
        /// <summary>4 output channels; <paramref name="wk0"/> holds their weights as [k][4].</summary>
        public void Block4(float* src, float* wk0, float* out0, float b0, float b1, float b2, float b3)
        {
            int plane = oh * ow;
            for (int oy = 0; oy < oh; oy++)
            {
                float* row = src + oy * wp;
                float* o = out0 + oy * ow;
                int ox = 0;
                for (; ox + 8 <= ow; ox += 8)
                {
                    var a0 = Vector128.Create(b0); var a1 = a0;
                    var c0 = Vector128.Create(b1); var c1 = c0;
                    var d0 = Vector128.Create(b2); var d1 = d0;
                    var e0 = Vector128.Create(b3); var e1 = e0;
                    float* wk = wk0;
                    for (int ci = 0; ci < cin; ci++)
                    {
                        float* chan = row + ci * hp * wp + ox;
                        for (int ky = 0; ky < kh; ky++)
                        {
                            float* r = chan + ky * dh * wp;
                            for (int kx = 0; kx < kw; kx++, wk += 4)
                            {
                                float* q = r + kx * dw;
                                var v0 = Vector128.Load(q);
                                var v1 = Vector128.Load(q + 4);
                                var w0 = Vector128.Create(wk[0]);
                                a0 += w0 * v0; a1 += w0 * v1;
                                var w1 = Vector128.Create(wk[1]);
                                c0 += w1 * v0; c1 += w1 * v1;
                                var w2 = Vector128.Create(wk[2]);
                                d0 += w2 * v0; d1 += w2 * v1;
                                var w3 = Vector128.Create(wk[3]);
                                e0 += w3 * v0; e1 += w3 * v1;
                            }
                        }
                    }
                    a0.Store(o + ox); a1.Store(o + ox + 4);
                    c0.Store(o + plane + ox); c1.Store(o + plane + ox + 4);
                    d0.Store(o + 2 * plane + ox); d1.Store(o + 2 * plane + ox + 4);
                    e0.Store(o + 3 * plane + ox); e1.Store(o + 3 * plane + ox + 4);
                }
                for (; ox < ow; ox++)
                {
                    float s0 = b0, s1 = b1, s2 = b2, s3 = b3;
                    float* wk = wk0;
                    for (int ci = 0; ci < cin; ci++)
                        for (int ky = 0; ky < kh; ky++)
                        {
                            float* r = row + ci * hp * wp + ky * dh * wp + ox;
                            for (int kx = 0; kx < kw; kx++, wk += 4)
                            {
                                float v = r[kx * dw];
                                s0 += wk[0] * v; s1 += wk[1] * v; s2 += wk[2] * v; s3 += wk[3] * v;
                            }
                        }
                    o[ox] = s0; o[plane + ox] = s1; o[2 * plane + ox] = s2; o[3 * plane + ox] = s3;
                }
            }
        }

        /// <summary>One output channel; <paramref name="wk0"/> is its [cin][kh][kw] weight.</summary>
        public void Block1(float* src, float* wk0, float* o0, float b0)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                float* row = src + oy * wp;
                float* o = o0 + oy * ow;
                int ox = 0;
                for (; ox + 8 <= ow; ox += 8)
                {
                    var a0 = Vector128.Create(b0); var a1 = a0;
                    float* wk = wk0;
                    for (int ci = 0; ci < cin; ci++)
                        for (int ky = 0; ky < kh; ky++)
                        {
                            float* r = row + ci * hp * wp + ky * dh * wp + ox;
                            for (int kx = 0; kx < kw; kx++, wk++)
                            {
                                var w0 = Vector128.Create(*wk);
                                a0 += w0 * Vector128.Load(r + kx * dw);
                                a1 += w0 * Vector128.Load(r + kx * dw + 4);
                            }
                        }
                    a0.Store(o + ox); a1.Store(o + ox + 4);
                }
                for (; ox < ow; ox++)
                {
                    float s0 = b0;
                    float* wk = wk0;
                    for (int ci = 0; ci < cin; ci++)
                        for (int ky = 0; ky < kh; ky++)
                        {
                            float* r = row + ci * hp * wp + ky * dh * wp + ox;
                            for (int kx = 0; kx < kw; kx++, wk++)
                                s0 += *wk * r[kx * dw];
                        }
                    o[ox] = s0;
                }
            }
        }
    }

    /// <summary>Any stride, padding, dilation and groups; one output value at a time, same summation order.</summary>
    private static void RunGeneral(Tensor x, Tensor w, Tensor? bias, Conv2dParams p, Tensor y)
    {
        int n = x.Shape[0], cin = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int cout = y.Shape[1], oh = y.Shape[2], ow = y.Shape[3];
        int kh = w.Shape[2], kw = w.Shape[3];
        int cinG = cin / p.Groups, coutG = cout / p.Groups;
        for (int s = 0; s < n; s++)
            for (int oc = 0; oc < cout; oc++)
            {
                int c0 = oc / coutG * cinG;
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        float sum = Bias(bias, oc);
                        for (int ci = 0; ci < cinG; ci++)
                            for (int ky = 0; ky < kh; ky++)
                            {
                                int iy = oy * p.Stride.H - p.Padding.H + ky * p.Dilation.H;
                                for (int kx = 0; kx < kw; kx++)
                                {
                                    int ix = ox * p.Stride.W - p.Padding.W + kx * p.Dilation.W;
                                    // padding contributes 0 * w: skip it, as the padded copy would add +0
                                    float v = iy < 0 || iy >= h || ix < 0 || ix >= wd ? 0f : x.F[((s * cin + c0 + ci) * h + iy) * wd + ix];
                                    sum += w.F[((oc * cinG + ci) * kh + ky) * kw + kx] * v;
                                }
                            }
                        y.F[((s * cout + oc) * oh + oy) * ow + ox] = sum;
                    }
            }
    }

    public static void RunTransposed(Tensor x, Tensor w, Tensor? bias, Conv2dParams p, Tensor y, KernelScratch scratch)
    {
        if (w.Shape[2] == 2 && w.Shape[3] == 2 && p == new Conv2dParams((2, 2), (0, 0), (1, 1), (0, 0), 1) && Sse.IsSupported)
            RunTransposed2x2(x, w, bias, y, scratch);
        else
            RunTransposedGeneral(x, w, bias, p, y, scratch);
    }

    /// <summary>
    /// The U-Net up-convolution (2×2 kernel, stride 2, no padding): every output pixel takes one
    /// tap of one input pixel. For 2 output channels and 4 input pixels, the 8 tap sums are kept in
    /// registers over the input channels, then the kx = 0 / 1 sums are interleaved into 8
    /// consecutive output pixels of rows 2·iy and 2·iy + 1. Sums as the general path does.
    /// </summary>
    private static void RunTransposed2x2(Tensor x, Tensor w, Tensor? bias, Tensor y, KernelScratch scratch)
    {
        int n = x.Shape[0], cin = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int cout = y.Shape[1], oh = y.Shape[2], ow = y.Shape[3];
        int plane = h * wd;
        // weights as [oc][ci][tap], tap = ky * 2 + kx (the torch layout is [ci][oc][ky][kx])
        float[] packed = scratch.Packed(cout * cin * 4);
        for (int oc = 0; oc < cout; oc++)
            for (int ci = 0; ci < cin; ci++)
                for (int t = 0; t < 4; t++)
                    packed[(oc * cin + ci) * 4 + t] = w.F[(ci * cout + oc) * 4 + t];
        fixed (float* src = x.F, dst = y.F, pk = packed)
        {
            for (int s = 0; s < n; s++)
            {
                float* input = src + (long)s * cin * plane;
                for (int oc = 0; oc < cout; oc++)
                {
                    float b = Bias(bias, oc);
                    float* o = dst + ((long)s * cout + oc) * oh * ow;
                    float* wk0 = pk + (long)oc * cin * 4;
                    for (int iy = 0; iy < h; iy++)
                    {
                        float* row0 = o + 2 * iy * ow, row1 = row0 + ow;
                        int ix = 0;
                        for (; ix + 4 <= wd; ix += 4)
                        {
                            var t00 = Vector128<float>.Zero; var t01 = t00; var t10 = t00; var t11 = t00;
                            float* q = input + iy * wd + ix;
                            float* wk = wk0;
                            for (int ci = 0; ci < cin; ci++, q += plane, wk += 4)
                            {
                                var v = Vector128.Load(q);
                                t00 += Vector128.Create(wk[0]) * v;
                                t01 += Vector128.Create(wk[1]) * v;
                                t10 += Vector128.Create(wk[2]) * v;
                                t11 += Vector128.Create(wk[3]) * v;
                            }
                            var bv = Vector128.Create(b);
                            (bv + Sse.UnpackLow(t00, t01)).Store(row0 + 2 * ix);
                            (bv + Sse.UnpackHigh(t00, t01)).Store(row0 + 2 * ix + 4);
                            (bv + Sse.UnpackLow(t10, t11)).Store(row1 + 2 * ix);
                            (bv + Sse.UnpackHigh(t10, t11)).Store(row1 + 2 * ix + 4);
                        }
                        for (; ix < wd; ix++)
                        {
                            float s00 = 0, s01 = 0, s10 = 0, s11 = 0;
                            float* q = input + iy * wd + ix;
                            float* wk = wk0;
                            for (int ci = 0; ci < cin; ci++, q += plane, wk += 4)
                            {
                                s00 += wk[0] * *q; s01 += wk[1] * *q; s10 += wk[2] * *q; s11 += wk[3] * *q;
                            }
                            row0[2 * ix] = b + s00; row0[2 * ix + 1] = b + s01;
                            row1[2 * ix] = b + s10; row1[2 * ix + 1] = b + s11;
                        }
                    }
                }
            }
        }
    }

    private static void RunTransposedGeneral(Tensor x, Tensor w, Tensor? bias, Conv2dParams p, Tensor y, KernelScratch scratch)
    {
        int n = x.Shape[0], cin = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int cout = y.Shape[1], oh = y.Shape[2], ow = y.Shape[3];
        int kh = w.Shape[2], kw = w.Shape[3];
        int cinG = cin / p.Groups, coutG = cout / p.Groups;
        float[] wv = scratch.Packed(cinG);
        fixed (float* src = x.F, dst = y.F, wc = wv)
        {
            for (int s = 0; s < n; s++)
                for (int oc = 0; oc < cout; oc++)
                {
                    int g = oc / coutG, ocG = oc % coutG;
                    float* o = dst + ((long)s * cout + oc) * oh * ow;
                    new Span<float>(o, oh * ow).Fill(Bias(bias, oc));
                    float* inG = src + ((long)s * cin + g * cinG) * h * wd;
                    for (int ky = 0; ky < kh; ky++)
                        for (int kx = 0; kx < kw; kx++)
                        {
                            for (int ci = 0; ci < cinG; ci++)
                                wc[ci] = w.F[(((g * cinG + ci) * coutG + ocG) * kh + ky) * kw + kx];
                            for (int iy = 0; iy < h; iy++)
                            {
                                int oy = iy * p.Stride.H - p.Padding.H + ky * p.Dilation.H;
                                if (oy < 0 || oy >= oh)
                                    continue;
                                float* orow = o + oy * ow;
                                int ix = 0;
                                for (; ix + 4 <= wd; ix += 4)
                                {
                                    var acc = Vector128<float>.Zero;
                                    float* q = inG + iy * wd + ix;
                                    for (int ci = 0; ci < cinG; ci++, q += h * wd)
                                        acc += Vector128.Create(wc[ci]) * Vector128.Load(q);
                                    for (int l = 0; l < 4; l++)
                                    {
                                        int ox = (ix + l) * p.Stride.W - p.Padding.W + kx * p.Dilation.W;
                                        if ((uint)ox < (uint)ow)
                                            orow[ox] += acc.GetElement(l);
                                    }
                                }
                                for (; ix < wd; ix++)
                                {
                                    float sum = 0f;
                                    float* q = inG + iy * wd + ix;
                                    for (int ci = 0; ci < cinG; ci++, q += h * wd)
                                        sum += wc[ci] * *q;
                                    int ox = ix * p.Stride.W - p.Padding.W + kx * p.Dilation.W;
                                    if ((uint)ox < (uint)ow)
                                        orow[ox] += sum;
                                }
                            }
                        }
                }
        }
    }
}
