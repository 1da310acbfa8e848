using Dcnum.Logic;

namespace Dcnum.Job.Segmenters;

/// <summary>
/// The first step of segmentation as the slot register runs it: frames of a slot → 0/1 masks
/// (<see cref="ChunkSlot.Mask"/>), before the shared labelling and mask processing. Implementations
/// adapt a Segmentation algorithm to the slot and keep per-worker scratch; <paramref name="worker"/>
/// picks it (a worker runs one batch at a time).
/// dcnum counterpart: <c>Segmenter.segment_algorithm</c> / <c>segment_batch</c> of each segmenter class.
/// </summary>
internal interface IMaskSegmenter
{
    void Segment(ChunkSlot slot, int start, int stop, int worker);
}
