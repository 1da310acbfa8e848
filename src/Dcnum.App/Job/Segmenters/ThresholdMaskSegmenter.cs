using Dcnum.Logic;
using Dcnum.Segmentation;

namespace Dcnum.Job.Segmenters;

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
