namespace Dcnum.Segmentation.Torch.Network;

/// <summary>
/// Activations of one frame, channel-planar, each plane with a zero border of <see cref="Border"/>
/// pixels: a convolution reads its padded input straight from here. Only interiors are ever
/// written, so the borders stay zero for the engine's lifetime. A decoder's concatenation is one
/// map whose first channels the encoder writes and whose last channels the up-sampling writes.
/// </summary>
internal sealed class FeatureMap
{
    public FeatureMap(int channels, int height, int width, int border)
    {
        Channels = channels;
        Height = height;
        Width = width;
        Border = border;
        Stride = width + 2 * border;
        PlaneSize = (height + 2 * border) * Stride;
        Data = new float[channels * PlaneSize];
    }

    public int Channels { get; }
    public int Height { get; }
    public int Width { get; }
    public int Border { get; }
    /// <summary>Floats per row, border included.</summary>
    public int Stride { get; }
    /// <summary>Floats per channel, border included.</summary>
    public int PlaneSize { get; }
    public float[] Data { get; }

    /// <summary>Index of interior pixel (y, x) of channel c.</summary>
    public int Index(int c, int y, int x) => c * PlaneSize + (y + Border) * Stride + x + Border;
}
