namespace Dcnum.Features.Texture;

/// <summary>The Haralick features as the extractor's texture hook; one instance (and scratch) per worker.</summary>
public sealed class HaralickTexture : ITextureFeatures
{
    private static readonly string[] s_names = HaralickFeatures.Names.ToArray();
    private readonly HaralickScratch _scratch = new();

    public IReadOnlyList<string> Names => s_names;

    public void Compute(ReadOnlySpan<byte> image, ReadOnlySpan<short> imageCorr, int width, EventMask mask, Span<double> values)
        => HaralickFeatures.Compute(imageCorr, width, mask, _scratch, values);
}
