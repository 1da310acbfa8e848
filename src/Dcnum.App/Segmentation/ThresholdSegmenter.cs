using Dcnum.Labels;

namespace Dcnum.Segmentation;

/// <summary>
/// The threshold segmenter: mask = (image_corr − bg_off) &lt; thresh, per pixel.
/// dcnum counterpart: <c>segm.segm_thresh.SegmentThresh</c> (a <c>UNISegmenter</c>; batches via
/// <c>SlotRegister.task_segment_images</c>).
/// </summary>
public static class ThresholdSegmenter
{
    /// <summary>PPID code (dcnum: class name lower-cased without "segment").</summary>
    public const string Code = "thresh";

    /// <summary>dcnum: <c>required_batch_size</c> is 0 for thresh, so no padding of a short last batch.</summary>
    public const int RequiredBatchSize = 0;

    /// <summary>Frames per segmentation batch (dcnum: <c>required_batch_size or 10</c>).</summary>
    public const int BatchSize = RequiredBatchSize > 0 ? RequiredBatchSize : 10;

    /// <summary>The segmenter part of the PPID, e.g. <c>thresh:t=-6:cle=1^f=1^clo=2</c>.</summary>
    public static string Ppid(SegmenterSettings segmenter, MaskSettings mask)
        => Code + ":" + segmenter.PpidKwargs + ":" + mask.PpidKwargs;

    /// <summary>Segments one frame (H×W row-major) into <paramref name="mask"/>.</summary>
    public static void Segment(ReadOnlySpan<short> imageCorr, double bgOff, Span<bool> mask, double thresh)
    {
        if (mask.Length != imageCorr.Length)
            throw new ArgumentException("mask and image_corr sizes differ", nameof(mask));
        // dcnum: images - bg_off is float64 (int16 - float64), then "< thresh"; without bg_off
        // int16 < thresh is the same comparison as (x - 0.0) < thresh.
        for (int i = 0; i < imageCorr.Length; i++)
            mask[i] = (double)imageCorr[i] - bgOff < thresh;
    }

    /// <summary>
    /// Segments <paramref name="count"/> consecutive frames of <paramref name="frameSize"/> pixels;
    /// <paramref name="bgOff"/> holds one value per frame or is empty (no offset correction).
    /// </summary>
    public static void SegmentBatch(ReadOnlySpan<short> imageCorr, ReadOnlySpan<double> bgOff, Span<bool> mask,
        int count, int frameSize, double thresh)
    {
        if (!bgOff.IsEmpty && bgOff.Length < count)
            throw new ArgumentException("bg_off has fewer values than frames", nameof(bgOff));
        for (int f = 0; f < count; f++)
        {
            Segment(imageCorr.Slice(f * frameSize, frameSize), bgOff.IsEmpty ? 0.0 : bgOff[f],
                mask.Slice(f * frameSize, frameSize), thresh);
        }
    }
}
