using Dcnum.Background;

namespace Dcnum.Write;

/// <summary>
/// Stores sparsemed's background the way dcnum does: the kept images once, in
/// <c>basin_events/image_bg</c>, an internal basin "background images" described by the
/// background PPID, and per event the mapping feature (basinmap1) to its image.
/// dcnum counterpart: <c>BackgroundSparseMed.process_approach</c> + <c>DCNumJobRunner.task_enforce_basin_strategy</c>.
/// </summary>
public static class BackgroundStorage
{
    public const string BasinName = "background images";
    public const string MappingFeature = "basinmap1";

    /// <summary>Writes the images and the basin definition; returns the basin key (MD5 of its JSON).</summary>
    public static string StoreSparseMedian(RtdcWriter writer, SparseMedianResult result)
    {
        writer.AppendImages("image_bg", result.Images, result.ImageCount, result.Height, result.Width, group: "basin_events");
        return writer.StoreInternalBasin(BasinName, ["image_bg"], $"Pipeline identifier: {result.Ppid}", MappingFeature);
    }

    /// <summary>basinmap1 for a block of events, from the input frame of each event.</summary>
    public static void AppendEventMapping(RtdcWriter writer, SparseMedianResult result, ReadOnlySpan<long> eventFrames)
    {
        Span<long> mapping = eventFrames.Length <= 1024 ? stackalloc long[eventFrames.Length] : new long[eventFrames.Length];
        for (int i = 0; i < eventFrames.Length; i++)
            mapping[i] = result.Mapping[eventFrames[i]];
        writer.AppendScalar<long>(MappingFeature, mapping);
    }
}
