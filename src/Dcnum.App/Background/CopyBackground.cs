using Dcnum.Common;
using Dcnum.Read;

namespace Dcnum.Background;

/// <summary>
/// The background already in the input: <c>image_bg</c> (innate or from a basin) and <c>bg_off</c>
/// if present. dcnum counterpart: <c>feat.feat_background.bg_copy.BackgroundCopy</c> (PPID <c>copy:</c>).
/// </summary>
public static class CopyBackground
{
    public const string Ppid = "copy:";

    /// <summary>Fails with one line when the input has no background to copy.</summary>
    public static void Validate(RtdcFile file)
    {
        if (!file.HasFeature("image_bg"))
            throw DcnumException.ForFile(file.Path, "background method 'copy' needs image_bg in the input, and there is none");
    }

    /// <summary>Streams the input's per-frame background images in chunks.</summary>
    public static void Compute(RtdcFile file, BackgroundSink sink)
    {
        Validate(file);
        var (height, width) = file.ImageShape!.Value;
        long frames = file.FeatureLength("image_bg");
        int size = height * width;
        var buffer = new byte[RollingMedianBackground.OutputChunk * size];
        for (long start = 0; start < frames; start += RollingMedianBackground.OutputChunk)
        {
            int n = (int)Math.Min(RollingMedianBackground.OutputChunk, frames - start);
            file.ReadFeatureRows<byte>("image_bg", start, n, buffer.AsSpan(0, n * size));
            sink(start, buffer.AsSpan(0, n * size), n);
        }
    }

    /// <summary>
    /// The input's image_bg when it is an internal basin with a mapping (a sparsemed output): its
    /// images once and each frame's index, to be kept as a basin again (dcnum's runner re-stores an
    /// internal image_bg basin with the mapping carried over: basinmap1). Null otherwise.
    /// </summary>
    public static SparseMedianResult? InternalBasin(RtdcFile file)
    {
        if (file.HasInnateFeature("image_bg") || file.ResolveBasinFeature("image_bg") is not { Basin.IsInternal: true, Mapping: { } mapping } source)
            return null;
        ulong[] dims = source.Dataset.Space.Dimensions;
        if (dims.Length != 3 || file.ImageShape is not var (height, width) || (int)dims[1] != height || (int)dims[2] != width)
            return null;
        int count = (int)dims[0];
        var images = new byte[count * height * width];
        RtdcFile.ReadRows(source.Dataset, 0, count, images.AsSpan());
        foreach (long index in mapping)
        {
            if (index < 0 || index >= count)
                throw DcnumException.ForFile(file.Path, $"the image_bg basin maps a frame to image {index}, but it holds {count}");
        }
        return new SparseMedianResult
        {
            Height = height,
            Width = width,
            Images = images,
            ImageCount = count,
            Mapping = mapping,
            Ppid = Ppid,
            Log = [],
            BasinName = source.Basin.Name,
            BasinDescription = source.Basin.Description,
        };
    }

    /// <summary>The input's bg_off, or null if it has none.</summary>
    public static double[]? BgOff(RtdcFile file) => file.HasFeature("bg_off") ? file.ReadScalar("bg_off") : null;
}
