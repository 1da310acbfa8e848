namespace Dcnum.Tests.Segmentation.Torch.Export;

/// <summary>
/// Textbook float64 versions of the layers (one sample, CHW, nothing fused or vectorised), and
/// the test models' U-Net written out layer by layer from model.json (enc0-2 conv+BN+ReLU with
/// 2×2 max pools, two ConvT 2×2/2 with skip-first concatenation, a 1×1 conv, sigmoid). The
/// interpreter and its kernels are checked against these.
/// </summary>
internal static class Float64Reference
{
    public static double[] Conv2d(double[] x, int cin, int h, int w, float[] weight, int cout, int kh, int kw, float[]? bias,
        (int H, int W) stride, (int H, int W) pad, (int H, int W) dil, int groups, out int oh, out int ow)
    {
        oh = (h + 2 * pad.H - dil.H * (kh - 1) - 1) / stride.H + 1;
        ow = (w + 2 * pad.W - dil.W * (kw - 1) - 1) / stride.W + 1;
        int cinG = cin / groups, coutG = cout / groups;
        var y = new double[cout * oh * ow];
        for (int oc = 0; oc < cout; oc++)
        {
            int g = oc / coutG;
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    double sum = bias?[oc] ?? 0;
                    for (int ci = 0; ci < cinG; ci++)
                        for (int ky = 0; ky < kh; ky++)
                            for (int kx = 0; kx < kw; kx++)
                            {
                                int iy = oy * stride.H - pad.H + ky * dil.H, ix = ox * stride.W - pad.W + kx * dil.W;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                    sum += weight[((oc * cinG + ci) * kh + ky) * kw + kx] * x[((g * cinG + ci) * h + iy) * w + ix];
                            }
                    y[(oc * oh + oy) * ow + ox] = sum;
                }
        }
        return y;
    }

    /// <summary>Scatter form: every input pixel adds its weighted kernel to the output.</summary>
    public static double[] ConvTranspose2d(double[] x, int cin, int h, int w, float[] weight, int coutG, int kh, int kw, float[]? bias,
        (int H, int W) stride, (int H, int W) pad, (int H, int W) dil, (int H, int W) outPad, int groups, out int oh, out int ow)
    {
        oh = (h - 1) * stride.H - 2 * pad.H + dil.H * (kh - 1) + outPad.H + 1;
        ow = (w - 1) * stride.W - 2 * pad.W + dil.W * (kw - 1) + outPad.W + 1;
        int cout = coutG * groups, cinG = cin / groups;
        var y = new double[cout * oh * ow];
        for (int oc = 0; oc < cout; oc++)
            for (int i = 0; i < oh * ow; i++)
                y[oc * oh * ow + i] = bias?[oc] ?? 0;
        for (int ci = 0; ci < cin; ci++)
        {
            int g = ci / cinG;
            for (int iy = 0; iy < h; iy++)
                for (int ix = 0; ix < w; ix++)
                    for (int o = 0; o < coutG; o++)
                        for (int ky = 0; ky < kh; ky++)
                            for (int kx = 0; kx < kw; kx++)
                            {
                                int oy = iy * stride.H - pad.H + ky * dil.H, ox = ix * stride.W - pad.W + kx * dil.W;
                                if (oy >= 0 && oy < oh && ox >= 0 && ox < ow)
                                    y[((g * coutG + o) * oh + oy) * ow + ox] += x[(ci * h + iy) * w + ix] * weight[((ci * coutG + o) * kh + ky) * kw + kx];
                            }
        }
        return y;
    }

    public static void BatchNormRelu(double[] x, int c, int plane, float[] weight, float[] bias, float[] mean, float[] var, double eps)
    {
        for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < plane; i++)
            {
                double v = (x[ch * plane + i] - mean[ch]) / Math.Sqrt(var[ch] + eps) * weight[ch] + bias[ch];
                x[ch * plane + i] = Math.Max(v, 0);
            }
    }

    public static double[] MaxPool2(double[] x, int c, int h, int w)
    {
        int oh = h / 2, ow = w / 2;
        var y = new double[c * oh * ow];
        for (int ch = 0; ch < c; ch++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                {
                    int at = (ch * h + 2 * oy) * w + 2 * ox;
                    y[(ch * oh + oy) * ow + ox] = Math.Max(Math.Max(x[at], x[at + 1]), Math.Max(x[at + w], x[at + w + 1]));
                }
        return y;
    }

    /// <summary>
    /// The test models' forward pass for one uint8 frame: the probability of each pixel.
    /// <paramref name="c"/> gives a constant by its number (lifted_tensor_N).
    /// </summary>
    public static double[] UNet(ReadOnlySpan<byte> frame, int h, int w, Func<int, float[]> c)
    {
        double mean = c(1)[0], std = c(2)[0];
        var x = new double[h * w];
        for (int i = 0; i < x.Length; i++)
            x[i] = (frame[i] / 255.0 - mean) / std;
        double[] Block(double[] input, int cin, int hh, int ww, int first, int cout)
        {
            var y = Conv2d(input, cin, hh, ww, c(first), cout, 3, 3, c(first + 1), (1, 1), (1, 1), (1, 1), 1, out _, out _);
            BatchNormRelu(y, cout, hh * ww, c(first + 2), c(first + 3), c(first + 4), c(first + 5), 1e-5);
            return y;
        }
        int h2 = h / 2, w2 = w / 2, h4 = h / 4, w4 = w / 4;
        var e0 = Block(x, 1, h, w, 3, 8);
        var e1 = Block(MaxPool2(e0, 8, h, w), 8, h2, w2, 9, 16);
        var e2 = Block(MaxPool2(e1, 16, h2, w2), 16, h4, w4, 15, 32);
        var u0 = ConvTranspose2d(e2, 32, h4, w4, c(21), 16, 2, 2, c(22), (2, 2), (0, 0), (1, 1), (0, 0), 1, out _, out _);
        var d0 = Block([.. e1, .. u0], 32, h2, w2, 23, 16);
        var u1 = ConvTranspose2d(d0, 16, h2, w2, c(29), 8, 2, 2, c(30), (2, 2), (0, 0), (1, 1), (0, 0), 1, out _, out _);
        var d1 = Block([.. e0, .. u1], 16, h, w, 31, 8);
        var logit = Conv2d(d1, 8, h, w, c(37), 1, 1, 1, c(38), (1, 1), (0, 0), (1, 1), 1, out _, out _);
        for (int i = 0; i < logit.Length; i++)
            logit[i] = 1 / (1 + Math.Exp(-logit[i]));
        return logit;
    }
}
