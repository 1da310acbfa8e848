using Dcnum.Common;

namespace Dcnum.Segmentation.Torch.Export;

/// <summary>
/// dcnum's <c>torchuni</c> segmenter without torch: the v2 model's exported graph (normalisation,
/// U-Net, sigmoid, <c>&gt;= 0.5</c>) interpreted on raw uint8 frames, which must have the model's
/// <c>image_shape</c> (dcnum neither crops nor pads for v2). The output is the raw model mask,
/// one 0/1 byte per pixel; dcnum's shared mask processing (labels, clear_border, fill_holes)
/// comes after it, as for thresh.
///
/// dcnum runs fixed batches of <c>batch_size</c> frames (the last zero-padded); every kernel here
/// treats the samples of a batch independently, so this runs <see cref="BatchFrames"/> frames at a
/// time (one by default: the activations of a frame then stay in the L2 cache) with the same masks.
///
/// Not thread-safe (it owns the interpreter's buffers): make one per worker thread; they can share
/// one loaded <see cref="DcnmV2File"/>.
/// </summary>
public sealed class TorchUniSegmenter
{
    private readonly GraphInterpreter _interpreter;
    private Tensor? _input;

    public DcnmV2File Model { get; }
    public int Height { get; }
    public int Width { get; }

    /// <summary>Frames per graph run (any value gives the same masks).</summary>
    public int BatchFrames { get; }

    public TorchUniSegmenter(string modelPath) : this(DcnmV2File.Open(modelPath)) { }

    public TorchUniSegmenter(DcnmV2File model, int batchFrames = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchFrames, 1);
        Model = model;
        Height = model.Meta.ImageShape![0];
        Width = model.Meta.ImageShape[1];
        BatchFrames = batchFrames;
        var program = model.Program;
        if (program.InputDType != DType.UInt8 || program.InputShape.Length != 3
            || program.InputShape[1] != Height || program.InputShape[2] != Width)
            throw DcnumException.ForFile(model.Path,
                $"the graph takes {program.InputDType} [{string.Join(", ", program.InputShape)}], not uint8 frames of the model's image_shape {Height}x{Width}");
        _interpreter = new GraphInterpreter(program);
    }

    /// <summary>Throws the clear error dcnum users see when a dataset's frames do not fit the model.</summary>
    public void CheckFrameShape(int height, int width)
    {
        if (height != Height || width != Width)
            throw DcnumException.ForFile(Model.Path,
                $"frame shape {height}x{width} does not match the model's {Height}x{Width} (torchuni neither crops nor pads)");
    }

    /// <summary>As the byte overload, into the bool masks the labelling takes (bool is one 0/1 byte).</summary>
    public void Segment(ReadOnlySpan<byte> frames, int count, int height, int width, Span<bool> masks)
        => Segment(frames, count, height, width, System.Runtime.InteropServices.MemoryMarshal.AsBytes(masks));

    /// <summary>
    /// Segments <paramref name="count"/> frames of <paramref name="height"/>×<paramref name="width"/>
    /// (consecutive in <paramref name="frames"/>) into 0/1 bytes in <paramref name="masks"/>.
    /// </summary>
    public void Segment(ReadOnlySpan<byte> frames, int count, int height, int width, Span<byte> masks)
    {
        CheckFrameShape(height, width);
        int size = height * width;
        if (frames.Length < count * size || masks.Length < count * size)
            throw new ArgumentException($"buffers too small for {count} frames of {height}x{width}");
        for (int first = 0; first < count; first += BatchFrames)
        {
            int n = Math.Min(BatchFrames, count - first);
            _input = Tensor.Create(DType.UInt8, [n, height, width], _input);
            frames.Slice(first * size, n * size).CopyTo(_input.B);
            var output = _interpreter.Run(_input);
            if (output.DType is not (DType.Bool or DType.UInt8) || output.Length != n * size)
                throw DcnumException.ForFile(Model.Path,
                    $"the graph returned {output.DType} {output.ShapeText}, not a bool mask of {n}x{height}x{width}");
            var dst = masks.Slice(first * size, n * size);
            output.B.AsSpan(0, n * size).CopyTo(dst);
            if (output.DType == DType.UInt8)
                for (int i = 0; i < dst.Length; i++)
                    dst[i] = dst[i] != 0 ? (byte)1 : (byte)0;
        }
    }
}
