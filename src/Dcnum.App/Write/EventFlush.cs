using Dcnum.Background;
using Dcnum.Features;
using Dcnum.Read;

namespace Dcnum.Write;

/// <summary>
/// The writer's side of a run: appends the events of a run of frames to the output with dcnum's
/// layout (features, mask, nevents, basinmap0, the background per event or its basinmap1, and
/// when draining the image and the input's frame scalars).
/// dcnum counterpart: <c>write.queue_collector_thread</c> + <c>HDF5Writer.store_feature_chunk</c>.
/// </summary>
/// <param name="sparse">sparsemed's background (events map to its images), or null for one background per event.</param>
internal sealed class EventFlush(RtdcWriter writer, FrameScalar[] frameScalars, FrameSelection selection, SparseMedianResult? sparse, int height, int width)
{
    /// <summary>Writes <paramref name="chunk"/>'s events; returns how many.</summary>
    public long Write(FrameEvents chunk)
    {
        EventBatch batch = chunk.Events;
        int n = batch.Count;
        if (n == 0)
            return 0;
        var column = new double[n];
        for (int k = 0; k < batch.FeatureNames.Count; k++)
        {
            batch.CopyColumn(k, column);
            writer.AppendScalar<double>(batch.FeatureNames[k], column);
        }
        writer.AppendMasks("mask", batch.Masks, n, height, width);
        ReadOnlySpan<long> frames = batch.Frames;
        writer.AppendScalar<long>("nevents", EventsPerFrame(frames));
        // Each event's frame in the input: its position in the selection mapped to the input's frame index.
        long[]? mapped = null;
        if (!selection.IsAll)
        {
            mapped = new long[n];
            for (int i = 0; i < n; i++)
                mapped[i] = selection.RawIndex(frames[i]);
        }
        ReadOnlySpan<long> rawFrames = mapped ?? frames;
        // basinmap0: dcnum hard-links it to index_unmapped (uint32) without a selection; with one
        // it stores get_mapping_indices(...)[index_unmapped] (int64).
        if (mapped is null)
        {
            var frameIndex = new uint[n];
            for (int i = 0; i < n; i++)
                frameIndex[i] = (uint)frames[i];
            writer.AppendScalar<uint>("basinmap0", frameIndex);
        }
        else
        {
            writer.AppendScalar<long>("basinmap0", mapped);
        }
        if (chunk.BgOff is not null)
            writer.AppendScalar<double>("bg_off", chunk.BgOff);
        if (chunk.Backgrounds is not null)
            writer.AppendImages("image_bg", chunk.Backgrounds.AsSpan(0, n * height * width), n, height, width); // rollmed, copy: one background per event
        else
            BackgroundStorage.AppendEventMapping(writer, sparse!, rawFrames);
        if (chunk.Images is not null)
        {
            writer.AppendImages("image", chunk.Images.AsSpan(0, n * height * width), n, height, width);
            foreach (FrameScalar scalar in frameScalars)
                scalar.AppendTo(writer, rawFrames);
        }
        return n;
    }

    /// <summary>dcnum's nevents: per event, the number of events of its frame.</summary>
    private static long[] EventsPerFrame(ReadOnlySpan<long> frames)
    {
        int n = frames.Length;
        var nevents = new long[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j < n && frames[j] == frames[i])
                j++;
            for (int k = i; k < j; k++)
                nevents[k] = j - i;
            i = j;
        }
        return nevents;
    }
}
