namespace Dcnum.Background;

/// <summary>The outcome of sparsemed: the kept background images, which image each frame uses, and bg_off.</summary>
public sealed class SparseMedianResult
{
    public required int Height { get; init; }
    public required int Width { get; init; }
    /// <summary>The kept background images, M×H×W (stored as <c>basin_events/image_bg</c>).</summary>
    public required byte[] Images { get; init; }
    public required int ImageCount { get; init; }
    /// <summary>Per input frame, the index of its background image (the internal basin's mapping).</summary>
    public required long[] Mapping { get; init; }
    /// <summary>Per input frame, mean of the top 20 rows of the frame minus that of its background; null without offset correction or when left to <see cref="FrameOffset"/>.</summary>
    public double[]? BgOff { get; init; }
    /// <summary>Per kept image, the mean of its top 20 rows (offset correction only, else null).</summary>
    public double[]? ImageTopMeans { get; init; }

    /// <summary>bg_off of input frame <paramref name="frame"/> from its pixels: the same numbers as <see cref="BgOff"/>, without a pass of its own over the file.</summary>
    public double FrameOffset(long frame, ReadOnlySpan<byte> image)
        => SparseMedianBackground.TopMean(image, Height, Width) - ImageTopMeans![Mapping[frame]];
    public required string Ppid { get; init; }
    /// <summary>The internal basin's name and description when they are not sparsemed's own (kept from an input's basin).</summary>
    public string? BasinName { get; init; }
    public string? BasinDescription { get; init; }
    /// <summary>What dcnum would have logged (warnings and facts), in order.</summary>
    public required IReadOnlyList<string> Log { get; init; }

    /// <summary>Background image <paramref name="index"/> as a span.</summary>
    public ReadOnlySpan<byte> Image(int index) => Images.AsSpan(index * Height * Width, Height * Width);

    /// <summary>The background of input frame <paramref name="frame"/>.</summary>
    public ReadOnlySpan<byte> ImageOfFrame(long frame) => Image((int)Mapping[frame]);
}
