namespace Dcnum.Features;

/// <summary>Texture features of one mask (Haralick, <c>tex_*</c>); one instance per worker (it owns its scratch).</summary>
public interface ITextureFeatures
{
    /// <summary>Names of the values <see cref="Compute"/> writes, in order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Features of <paramref name="mask"/> (cut to its box) in frames <paramref name="width"/> wide.</summary>
    void Compute(ReadOnlySpan<byte> image, ReadOnlySpan<short> imageCorr, int width, EventMask mask, Span<double> values);
}
