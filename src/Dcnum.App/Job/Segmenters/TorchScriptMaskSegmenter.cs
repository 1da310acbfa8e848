using System.Runtime.InteropServices;
using Dcnum.Labels;
using Dcnum.Logic;
using Dcnum.Segmentation;
using Dcnum.Segmentation.Torch;
using Dcnum.Segmentation.Torch.Network;

namespace Dcnum.Job.Segmenters;

/// <summary>
/// <c>torchmpo</c> / <c>torchsto</c> with a v1 model: each raw frame (not background-corrected) is
/// cropped/padded to the model's window and normalised, the network gives p ≥ 0.5, objects touching
/// the window's edge are dropped when the frame is larger (Labels' kernels on the window), and the
/// mask is mapped back to the frame (<see cref="FrameWindow"/>). torchsto is the same computation
/// (dcnum runs it on a GPU and asserts equal masks); here both run on the CPU.
/// dcnum counterparts: <c>SegmentTorchMPO</c>, <c>SegmentTorchSTO</c>.
/// </summary>
internal sealed class TorchScriptMaskSegmenter : IMaskSegmenter
{
    private readonly TorchModel _model;
    private readonly FrameWindow _window;
    private readonly Worker?[] _workers;

    /// <summary>Per worker: the engine and the window-sized buffers.</summary>
    private sealed class Worker(UNetSpec network, int height, int width, bool? wide = null)
    {
        public readonly UNetEngine Engine = new(network, height, width, wide);
        public readonly float[] Input = new float[height * width];
        public readonly byte[] Mask = new byte[height * width];
        public readonly ushort[] Labels = new ushort[height * width];
        public readonly LabelScratch Scratch = new(height, width);
    }

    public TorchScriptMaskSegmenter(TorchModel model, int workers, int frameHeight, int frameWidth)
    {
        _model = model;
        var (h, w) = model.Meta.ImageShape;
        _window = new FrameWindow(frameHeight, frameWidth, h, w);
        _workers = new Worker?[workers];
    }

    public void Segment(ChunkSlot slot, int start, int stop, int worker)
    {
        Worker state = _workers[worker] ??= new Worker(_model.Network!, _window.ModelHeight, _window.ModelWidth);
        int size = slot.FrameSize;
        for (int i = start; i < stop; i++)
            SegmentFrame(slot.Image.AsSpan(i * size, size), slot.Mask.AsSpan(i * size, size), state);
    }

    private void SegmentFrame(ReadOnlySpan<byte> image, Span<bool> mask, Worker state)
    {
        _window.Normalise(image, state.Input, _model.Meta.NormMean, _model.Meta.NormStd);
        state.Engine.Run(state.Input, state.Mask);
        if (_window.ClearsWindowBorder)
            ClearWindowBorder(state.Mask, _window.ModelHeight, _window.ModelWidth, state.Labels, state.Scratch);
        _window.ToFrameMask(state.Mask, mask);
    }

    /// <summary>
    /// Drops every object (8-connected) touching the window's edge from the window's 0/1 mask: a
    /// frame larger than the window was cropped, so those objects may be cut.
    /// dcnum: <c>postprocess_masks</c> runs <c>process_labels(clear_border=True, fill_holes=False, closing_disk=0)</c> on the window's labels.
    /// </summary>
    public static void ClearWindowBorder(Span<byte> windowMask, int height, int width, Span<ushort> labels, LabelScratch scratch)
    {
        ConnectedComponents.Label8(MemoryMarshal.Cast<byte, bool>(windowMask), labels, height, width, scratch);
        LabelProcessor.Process(labels, height, width, s_clearBorderOnly, scratch);
        for (int i = 0; i < windowMask.Length; i++)
            windowMask[i] = labels[i] != 0 ? (byte)1 : (byte)0;
    }

    private static readonly MaskSettings s_clearBorderOnly = new() { ClearBorder = true, FillHoles = false, ClosingDisk = 0 };

    /// <summary>One frame outside the pipeline (tests): the segmenter's mask before mask processing; <paramref name="wide"/> forces a kernel width.</summary>
    public static void SegmentOne(TorchModel model, ReadOnlySpan<byte> image, int height, int width, Span<bool> mask, bool? wide = null)
    {
        var segmenter = new TorchScriptMaskSegmenter(model, 1, height, width);
        var (h, w) = model.Meta.ImageShape;
        segmenter.SegmentFrame(image, mask, new Worker(model.Network!, h, w, wide));
    }
}
