using Dcnum.Job;
using Dcnum.Logic;
using Dcnum.Segmentation.Torch;
using Dcnum.Segmentation.Torch.Export;

namespace Dcnum.Segmentation;

/// <summary>Picks the <see cref="IMaskSegmenter"/> for a job's segmenter code.</summary>
internal static class MaskSegmenters
{
    public static IMaskSegmenter Create(PipelineJob job, int workers, int height, int width)
    {
        switch (job.Segmenter.Code)
        {
            case ThresholdSegmenter.Code:
                return new ThresholdMaskSegmenter(job.Segmenter.Thresh);
            case "torchmpo" or "torchsto":
                return new TorchScriptSegmenter(job.Model!, workers, height, width);
            case "torchuni":
                return new TorchUniMaskSegmenter(job.Model!.Export!, workers);
            default:
                throw new InvalidOperationException($"unknown segmenter '{job.Segmenter.Code}'");
        }
    }
}

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
