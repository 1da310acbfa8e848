namespace Dcnum.Segmentation.Torch.Export.Kernels;

/// <summary>Pooling window: (height, width) pairs as aten's <c>max_pool2d</c> takes them.</summary>
internal readonly record struct Pool2dParams((int H, int W) Kernel, (int H, int W) Stride, (int H, int W) Padding,
    (int H, int W) Dilation, bool CeilMode);

/// <summary>2-D max pooling over the last two dims of a float32 (N, C, H, W) or (C, H, W) tensor.</summary>
internal static class Pooling
{
    public static int[] OutputShape(int[] input, Pool2dParams p)
    {
        if (p.Kernel.H <= 0 || p.Kernel.W <= 0 || p.Stride.H <= 0 || p.Stride.W <= 0 || p.Dilation.H <= 0 || p.Dilation.W <= 0)
            throw new InvalidOperationException("max_pool2d with a non-positive kernel, stride or dilation");
        if (p.Padding.H < 0 || p.Padding.W < 0 || p.Padding.H > p.Kernel.H / 2 || p.Padding.W > p.Kernel.W / 2)
            throw new InvalidOperationException("max_pool2d padding must be between 0 and half the kernel");
        var shape = (int[])input.Clone();
        int r = shape.Length;
        shape[r - 2] = Size(input[r - 2], p.Kernel.H, p.Padding.H, p.Stride.H, p.Dilation.H, p.CeilMode);
        shape[r - 1] = Size(input[r - 1], p.Kernel.W, p.Padding.W, p.Stride.W, p.Dilation.W, p.CeilMode);
        if (shape[r - 2] <= 0 || shape[r - 1] <= 0)
            throw new InvalidOperationException($"max_pool2d output would be empty for input [{string.Join(", ", input)}]");
        return shape;
    }

    // aten pooling_output_shape: floor (or ceil) division; a last window starting in the padding is dropped
    private static int Size(int input, int kernel, int pad, int stride, int dilation, bool ceil)
    {
        int numerator = input + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0);
        int size = (int)Math.Floor(numerator / (double)stride) + 1;
        if (ceil && (size - 1) * stride >= input + pad)
            size--;
        return size;
    }

    /// <summary>The U-Net's 2×2/2 pool (MathF.Max propagates NaN, as torch does).</summary>
    private static void Max2x2(float[] x, int planes, int h, int w, float[] y)
    {
        int oh = h / 2, ow = w / 2;
        for (int plane = 0; plane < planes; plane++)
            for (int oy = 0; oy < oh; oy++)
            {
                var r0 = x.AsSpan((plane * h + 2 * oy) * w, w);
                var r1 = x.AsSpan((plane * h + 2 * oy + 1) * w, w);
                var o = y.AsSpan((plane * oh + oy) * ow, ow);
                for (int ox = 0; ox < o.Length; ox++)
                    o[ox] = MathF.Max(MathF.Max(r0[2 * ox], r0[2 * ox + 1]), MathF.Max(r1[2 * ox], r1[2 * ox + 1]));
            }
    }

    /// <summary>Max over each window (padding never wins; NaN propagates), and the flat in-plane argmax if asked.</summary>
    public static void Max(Tensor x, Pool2dParams p, Tensor y, Tensor? indices)
    {
        int r = x.Rank;
        int h = x.Shape[r - 2], w = x.Shape[r - 1];
        int oh = y.Shape[r - 2], ow = y.Shape[r - 1];
        int planes = Tensor.Count(x.Shape.AsSpan(0, r - 2));
        if (indices is null && p == new Pool2dParams((2, 2), (2, 2), (0, 0), (1, 1), p.CeilMode) && oh == h / 2 && ow == w / 2)
        {
            Max2x2(x.F, planes, h, w, y.F);
            return;
        }
        for (int plane = 0; plane < planes; plane++)
        {
            var src = x.F.AsSpan(plane * h * w, h * w);
            int outBase = plane * oh * ow;
            for (int oy = 0; oy < oh; oy++)
            {
                int y0 = oy * p.Stride.H - p.Padding.H;
                for (int ox = 0; ox < ow; ox++)
                {
                    int x0 = ox * p.Stride.W - p.Padding.W;
                    float best = float.NegativeInfinity;
                    int bestAt = -1;
                    for (int ky = 0; ky < p.Kernel.H; ky++)
                    {
                        int iy = y0 + ky * p.Dilation.H;
                        if (iy < 0 || iy >= h)
                            continue;
                        for (int kx = 0; kx < p.Kernel.W; kx++)
                        {
                            int ix = x0 + kx * p.Dilation.W;
                            if (ix < 0 || ix >= w)
                                continue;
                            float v = src[iy * w + ix];
                            if (bestAt < 0 || v > best || float.IsNaN(v))
                            {
                                best = v;
                                bestAt = iy * w + ix;
                                if (float.IsNaN(v))
                                    goto done;
                            }
                        }
                    }
                done:
                    y.F[outBase + oy * ow + ox] = best;
                    if (indices is not null)
                        indices.L[outBase + oy * ow + ox] = bestAt;
                }
            }
        }
    }
}
