using System.Runtime.InteropServices;
using Dcnum.Background;

namespace Dcnum.Segmentation.Torch;

/// <summary>
/// How a frame maps onto a v1 model's input window, per axis independently: a larger frame is
/// cropped to its centre, a smaller one is padded with the median of the whole frame (the extra
/// pixel of an odd difference goes to the bottom/right). Frame pixel = window pixel + offset.
/// dcnum counterparts: <c>torch_preproc.preprocess_images</c> and the crop/pad part of
/// <c>torch_postproc.postprocess_masks</c> (its border clearing needs labels: the job-side
/// <c>TorchScriptMaskSegmenter</c> does it before <see cref="ToFrameMask"/>).
/// </summary>
internal readonly record struct FrameWindow(int FrameHeight, int FrameWidth, int ModelHeight, int ModelWidth)
{
    /// <summary>Frame row of window row 0: positive when cropping, negative when padding.</summary>
    public int OffsetY => Offset(FrameHeight, ModelHeight);
    public int OffsetX => Offset(FrameWidth, ModelWidth);

    /// <summary>The window reaches outside the frame: the pad value (the frame's median) is needed.</summary>
    public bool Pads => FrameHeight < ModelHeight || FrameWidth < ModelWidth;

    /// <summary>The frame is larger than the window in some axis: objects touching the window's edge are dropped.</summary>
    public bool ClearsWindowBorder => FrameHeight > ModelHeight || FrameWidth > ModelWidth;

    private static int Offset(int frame, int model) => frame >= model ? (frame - model) / 2 : -((model - frame) / 2);

    /// <summary>
    /// The model input: <c>(float(v) / 255 − mean) / std</c> in float32 for each window pixel
    /// (kept as divisions: bit-identical to numpy's float32 arithmetic), the pad value for pixels
    /// outside the frame. Without normalisation (mean or std null) the plain float value.
    /// </summary>
    public void Normalise(ReadOnlySpan<byte> frame, Span<float> input, double? mean, double? std)
    {
        Span<float> table = stackalloc float[256];
        for (int v = 0; v < 256; v++)
            table[v] = Normalised(v, mean, std);
        float pad = Pads ? Normalised(Median(frame), mean, std) : 0f;
        int oy = OffsetY, ox = OffsetX;
        for (int y = 0; y < ModelHeight; y++)
        {
            Span<float> row = input.Slice(y * ModelWidth, ModelWidth);
            int fy = y + oy;
            if (fy < 0 || fy >= FrameHeight)
            {
                row.Fill(pad);
                continue;
            }
            ReadOnlySpan<byte> source = frame.Slice(fy * FrameWidth, FrameWidth);
            for (int x = 0; x < ModelWidth; x++)
            {
                int fx = x + ox;
                row[x] = fx >= 0 && fx < FrameWidth ? table[source[fx]] : pad;
            }
        }
    }

    private static float Normalised(float value, double? mean, double? std)
        => mean is double m && std is double s ? (value / 255f - (float)m) / (float)s : value;

    /// <summary>np.median of a uint8 frame (float64, exact in float32): the same kernel as the background's.</summary>
    public static float Median(ReadOnlySpan<byte> frame) => (float)NumpyStats.Median(frame, stackalloc int[256]);

    /// <summary>
    /// The frame's mask from the window's: the crop/pad is undone (frame pixels outside the window
    /// are 0). When <see cref="ClearsWindowBorder"/>, the caller drops the objects touching the
    /// window's edge first (dcnum's <c>postprocess_masks</c> does it on the window's labels).
    /// </summary>
    public void ToFrameMask(ReadOnlySpan<byte> windowMask, Span<bool> frameMask)
    {
        frameMask.Clear();
        int oy = OffsetY, ox = OffsetX;
        int y0 = Math.Max(0, -oy), y1 = Math.Min(ModelHeight, FrameHeight - oy);
        int x0 = Math.Max(0, -ox), x1 = Math.Min(ModelWidth, FrameWidth - ox);
        Span<byte> target = MemoryMarshal.AsBytes(frameMask);
        for (int y = y0; y < y1; y++)
            windowMask.Slice(y * ModelWidth + x0, x1 - x0).CopyTo(target.Slice((y + oy) * FrameWidth + x0 + ox, x1 - x0));
    }
}
