using Dcnum.Segmentation;

namespace Dcnum.Job.Segmenters;

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
                return new TorchScriptMaskSegmenter(job.Model!, workers, height, width);
            case "torchuni":
                return new TorchUniMaskSegmenter(job.Model!.Export!, workers);
            default:
                throw new InvalidOperationException($"unknown segmenter '{job.Segmenter.Code}'");
        }
    }
}
