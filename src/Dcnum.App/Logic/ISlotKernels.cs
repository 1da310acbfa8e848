namespace Dcnum.Logic;

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
