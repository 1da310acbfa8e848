using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    public static string Ppid(SegmenterSettings segmenter, MaskSettings mask) => segmenter.Ppid(mask);

    /// <summary>Segments one frame (H×W row-major) into <paramref name="mask"/>.</summary>
    public static void Segment(ReadOnlySpan<short> imageCorr, double bgOff, Span<bool> mask, double thresh)
    {
        if (mask.Length != imageCorr.Length)
            throw new ArgumentException("mask and image_corr sizes differ", nameof(mask));
        int limit = IntegerLimit(bgOff, thresh);
        Span<byte> output = MemoryMarshal.AsBytes(mask);
        if (limit > short.MaxValue)
        {
            output.Fill(1);
            return;
        }
        if (limit <= short.MinValue)
        {
            output.Clear();
            return;
        }
        if (Vector128.IsHardwareAccelerated)
            BelowVector(imageCorr, (short)limit, output);
        else
            BelowScalar(imageCorr, (short)limit, output);
    }

    // Native AOT compiles for the x64 baseline, where only Vector128 (SSE2) is accelerated: this is
    // the loop the shipped binary runs (and the tests run the same).
    internal static void BelowVector(ReadOnlySpan<short> imageCorr, short limit, Span<byte> output)
    {
        if (output.Length != imageCorr.Length)
            throw new ArgumentException("mask and image_corr sizes differ", nameof(output));
        ref short source = ref MemoryMarshal.GetReference(imageCorr);
        ref byte target = ref MemoryMarshal.GetReference(output);
        var limitVector = Vector128.Create(limit);
        var one = Vector128.Create((byte)1);
        int n = imageCorr.Length;
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            Vector128<short> lower = Vector128.LessThan(Vector128.LoadUnsafe(ref source, (nuint)i), limitVector);
            Vector128<short> upper = Vector128.LessThan(Vector128.LoadUnsafe(ref source, (nuint)(i + 8)), limitVector);
            (Vector128.Narrow(lower, upper).AsByte() & one).StoreUnsafe(ref target, (nuint)i);
        }
        BelowScalar(imageCorr[i..], limit, output[i..]);
    }

    internal static void BelowScalar(ReadOnlySpan<short> imageCorr, short limit, Span<byte> output)
    {
        for (int i = 0; i < imageCorr.Length; i++)
            output[i] = imageCorr[i] < limit ? (byte)1 : (byte)0;
    }

    /// <summary>
    /// The integer K with <c>(double)c − bgOff &lt; thresh</c> ⇔ <c>c &lt; K</c> for every int16 c.
    /// Exact: the rounded difference is monotonic in c, so the pixels below the threshold are a
    /// prefix of the int16 range; K is found by bisection on dcnum's own float64 comparison.
    /// </summary>
    internal static int IntegerLimit(double bgOff, double thresh)
    {
        int lo = short.MinValue;           // invariant: every c < lo passes
        int hi = short.MaxValue + 1;       // invariant: no c >= hi passes
        if (!Passes(lo, bgOff, thresh))
            return short.MinValue;
        if (Passes(short.MaxValue, bgOff, thresh))
            return short.MaxValue + 1;
        // now lo passes and hi - 1 fails: find the first failing c
        while (hi - lo > 1)
        {
            int mid = lo + (hi - lo) / 2;
            if (Passes(mid, bgOff, thresh))
                lo = mid;
            else
                hi = mid;
        }
        return hi;
    }

    // dcnum: images - bg_off is float64 (int16 - float64), then "< thresh"; without bg_off int16 < thresh
    // is the same comparison as (x - 0.0) < thresh.
    private static bool Passes(int c, double bgOff, double thresh) => (double)c - bgOff < thresh;

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
