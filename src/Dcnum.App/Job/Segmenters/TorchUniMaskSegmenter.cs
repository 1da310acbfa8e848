using Dcnum.Logic;
using Dcnum.Segmentation.Torch.Export;

namespace Dcnum.Job.Segmenters;

/// <summary><c>torchuni</c>: the v2 model's exported graph on the raw frames (one <see cref="TorchUniSegmenter"/> per worker).</summary>
internal sealed class TorchUniMaskSegmenter(DcnmV2File model, int workers) : IMaskSegmenter
{
    private readonly TorchUniSegmenter?[] _workers = new TorchUniSegmenter?[workers];

    public void Segment(ChunkSlot slot, int start, int stop, int worker)
    {
        TorchUniSegmenter segmenter = _workers[worker] ??= new TorchUniSegmenter(model);
        int size = slot.FrameSize;
        segmenter.Segment(slot.Image.AsSpan(start * size, (stop - start) * size), stop - start, slot.Height, slot.Width,
            slot.Mask.AsSpan(start * size, (stop - start) * size));
    }
}
