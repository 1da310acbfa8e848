using Dcnum.Background;
using Dcnum.Labels;
using Dcnum.Read;
using Dcnum.Segmentation;

namespace Dcnum.Tests.Support;

/// <summary>One frame as the stages before feature extraction leave it (buffers reused between frames).</summary>
internal delegate void SegmentedFrame(int frame, byte[] image, ReadOnlySpan<byte> background, short[] corr,
    double bgOff, ushort[] labels, int maxLabel);

/// <summary>
/// The default chain up to the labels, from a raw input file, frame by frame: sparsemed
/// background (offset-corrected), image_corr, thresh, 8-connected labels, mask processing.
/// Tests of the feature stage feed what it gives them to the extractors they compare.
/// </summary>
internal static class SegmentedFrames
{
    public static void ForEach(RtdcFile input, double thresh, SegmentedFrame visit)
    {
        var background = SparseMedianBackground.Compute(input, SparseMedSettings.Default);
        var (h, w) = input.ImageShape!.Value;
        int size = h * w, frames = (int)input.FeatureLength("image");
        var image = new byte[size];
        var corr = new short[size];
        var mask = new bool[size];
        var labels = new ushort[size];
        var scratch = new LabelScratch(h, w);
        for (int f = 0; f < frames; f++)
        {
            input.ReadFeatureRows<byte>("image", f, 1, image);
            ReadOnlySpan<byte> bg = background.ImageOfFrame(f);
            for (int p = 0; p < size; p++)
                corr[p] = (short)(image[p] - bg[p]);
            ThresholdSegmenter.Segment(corr, background.BgOff![f], mask, thresh);
            ConnectedComponents.Label8(mask, labels, h, w, scratch);
            int max = LabelProcessor.Process(labels, h, w, MaskSettings.Default, scratch);
            visit(f, image, bg, corr, background.BgOff[f], labels, max);
        }
    }
}
