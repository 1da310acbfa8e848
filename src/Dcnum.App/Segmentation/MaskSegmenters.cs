using Dcnum.Common;
using Dcnum.Job;
using Dcnum.Segmentation.Torch;

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
                throw DcnumException.ForFile(job.Model!.File.Path, "torchuni is not available in this build");
            default:
                throw new InvalidOperationException($"unknown segmenter '{job.Segmenter.Code}'");
        }
    }
}
