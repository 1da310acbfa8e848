namespace Dcnum.Logic;

/// <summary>Fills a slot with chunk <c>chunk</c>: frames [firstFrame, firstFrame+count) and their background (image, image_bg, image_corr, bg_off, previous frame).</summary>
public interface IChunkSource
{
    void Load(ChunkSlot slot, int chunk, long firstFrame, int count);
}

/// <summary>
/// The work of the s, m, l and e steps on frames [start, stop) of a slot. <paramref name="worker"/>
/// (0 … workers−1) selects the caller's own scratch buffers.
/// </summary>
public interface ISlotKernels
{
    void SegmentImages(ChunkSlot slot, int start, int stop, int worker);
    void LabelMasks(ChunkSlot slot, int start, int stop, int worker);
    void ProcessLabels(ChunkSlot slot, int start, int stop, int worker);

    /// <summary>Extracts the events of the frames; returns the number of events per frame into <paramref name="eventsPerFrame"/>.</summary>
    void ExtractFeatures(ChunkSlot slot, int start, int stop, int worker, Span<int> eventsPerFrame);
}
