using Dcnum.Logic;

namespace Dcnum.Segmentation;

/// <summary>
/// The first step of segmentation: frames of a slot → 0/1 masks (<see cref="ChunkSlot.Mask"/>),
/// before the shared labelling and mask processing. Implementations keep per-worker scratch;
/// <paramref name="worker"/> picks it (a worker runs one batch at a time).
/// dcnum counterpart: <c>Segmenter.segment_algorithm</c> / <c>segment_batch</c> of each segmenter class.
/// </summary>
internal interface IMaskSegmenter
{
    void Segment(ChunkSlot slot, int start, int stop, int worker);
}

/// <summary><c>thresh</c>: the background-corrected image below the threshold (see <see cref="ThresholdSegmenter"/>).</summary>
internal sealed class ThresholdMaskSegmenter(double thresh) : IMaskSegmenter
{
    public void Segment(ChunkSlot slot, int start, int stop, int worker)
    {
        int size = slot.FrameSize, count = stop - start;
        ThresholdSegmenter.SegmentBatch(slot.ImageCorr.AsSpan(start * size, count * size), slot.BgOff.AsSpan(start, count),
            slot.Mask.AsSpan(start * size, count * size), count, size, thresh);
    }
}
