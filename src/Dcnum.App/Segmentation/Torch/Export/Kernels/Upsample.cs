namespace Dcnum.Segmentation.Torch.Export.Kernels;

/// <summary>Bilinear resize of the last two dims of a float32 (N, C, H, W) tensor, as aten's CPU kernel.</summary>
internal static class Upsample
{
    public static void Bilinear(Tensor x, Tensor y, bool alignCorners, double? scaleH, double? scaleW)
    {
        int planes = x.Shape[0] * x.Shape[1];
        int h = x.Shape[2], w = x.Shape[3], oh = y.Shape[2], ow = y.Shape[3];
        float rh = SourceScale(h, oh, alignCorners, scaleH);
        float rw = SourceScale(w, ow, alignCorners, scaleW);
        for (int oy = 0; oy < oh; oy++)
        {
            var (y0, y1, ly) = Source(oy, rh, h, alignCorners);
            for (int ox = 0; ox < ow; ox++)
            {
                var (x0, x1, lx) = Source(ox, rw, w, alignCorners);
                for (int plane = 0; plane < planes; plane++)
                {
                    var src = x.F.AsSpan(plane * h * w, h * w);
                    float top = (1 - lx) * src[y0 * w + x0] + lx * src[y0 * w + x1];
                    float bottom = (1 - lx) * src[y1 * w + x0] + lx * src[y1 * w + x1];
                    y.F[(plane * oh + oy) * ow + ox] = (1 - ly) * top + ly * bottom;
                }
            }
        }
    }

    // aten area_pixel_compute_scale
    private static float SourceScale(int input, int output, bool alignCorners, double? scale)
    {
        if (alignCorners)
            return output > 1 ? (float)(input - 1) / (output - 1) : 0f;
        return scale is > 0 ? (float)(1.0 / scale.Value) : (float)input / output;
    }

    // aten area_pixel_compute_source_index, then the two neighbours and the weight of the second
    private static (int I0, int I1, float Lambda) Source(int dst, float scale, int input, bool alignCorners)
    {
        float src = alignCorners ? scale * dst : Math.Max(scale * (dst + 0.5f) - 0.5f, 0f);
        int i0 = Math.Min((int)src, input - 1);
        int i1 = i0 < input - 1 ? i0 + 1 : i0;
        return (i0, i1, Math.Min(Math.Max(src - i0, 0f), 1f));
    }
}
