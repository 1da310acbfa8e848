namespace Dcnum.Features;

/// <summary>Texture features of one mask (Haralick, <c>tex_*</c>); one instance per worker (it owns its scratch).</summary>
public interface ITextureFeatures
{
    /// <summary>Names of the values <see cref="Compute"/> writes, in order.</summary>
    IReadOnlyList<string> Names { get; }

    void Compute(ReadOnlySpan<byte> image, ReadOnlySpan<short> imageCorr, ReadOnlySpan<bool> mask, int height, int width, Span<double> values);
}
