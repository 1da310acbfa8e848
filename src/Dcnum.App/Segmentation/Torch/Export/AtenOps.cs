using Dcnum.Segmentation.Torch.Export.Kernels;

namespace Dcnum.Segmentation.Torch.Export;

/// <summary>
/// The aten operators the interpreter knows, by their torch.export target name, with the
/// argument names and defaults of their aten schemas (native_functions.yaml). A target not in
/// this table makes the model fail to load (<see cref="ExportedProgram"/>): never a wrong mask.
/// </summary>
internal static class AtenOps
{
    public delegate void Op(GraphNode node, GraphInterpreter g);

    private static readonly long[] s_one2 = [1, 1];
    private static readonly long[] s_zero2 = [0, 0];

    private static readonly Dictionary<string, Op> s_ops = new(StringComparer.Ordinal)
    {
        // metadata checks and no-ops
        ["torch.ops.aten._assert_tensor_metadata.default"] = AssertMetadata,
        ["torch.ops.aten.detach_.default"] = Identity("self"),
        ["torch.ops.aten.detach.default"] = Identity("self"),
        ["torch.ops.aten.alias.default"] = Identity("self"),
        ["torch.ops.aten.dropout.default"] = Dropout,
        ["torch.ops.aten.lift_fresh_copy.default"] = Clone,
        ["torch.ops.aten.clone.default"] = Clone,
        // dtype conversion
        ["torch.ops.aten.to.dtype"] = To,
        ["torch.ops.aten.to.dtype_layout"] = To,
        ["torch.ops.aten._to_copy.default"] = ToCopy,
        // element-wise arithmetic and comparison (broadcasting)
        ["torch.ops.aten.add.Tensor"] = Binary(BinaryOp.Add),
        ["torch.ops.aten.add.Scalar"] = Binary(BinaryOp.Add),
        ["torch.ops.aten.sub.Tensor"] = Binary(BinaryOp.Sub),
        ["torch.ops.aten.sub.Scalar"] = Binary(BinaryOp.Sub),
        ["torch.ops.aten.mul.Tensor"] = Binary(BinaryOp.Mul),
        ["torch.ops.aten.mul.Scalar"] = Binary(BinaryOp.Mul),
        ["torch.ops.aten.div.Tensor"] = Binary(BinaryOp.Div),
        ["torch.ops.aten.div.Scalar"] = Binary(BinaryOp.Div),
        ["torch.ops.aten.ge.Tensor"] = Binary(BinaryOp.Ge),
        ["torch.ops.aten.ge.Scalar"] = Binary(BinaryOp.Ge),
        ["torch.ops.aten.gt.Tensor"] = Binary(BinaryOp.Gt),
        ["torch.ops.aten.gt.Scalar"] = Binary(BinaryOp.Gt),
        // activations
        ["torch.ops.aten.relu.default"] = Unary(UnaryOp.Relu, inPlace: false),
        ["torch.ops.aten.relu_.default"] = Unary(UnaryOp.Relu, inPlace: true),
        ["torch.ops.aten.leaky_relu.default"] = Unary(UnaryOp.LeakyRelu, inPlace: false),
        ["torch.ops.aten.leaky_relu_.default"] = Unary(UnaryOp.LeakyRelu, inPlace: true),
        ["torch.ops.aten.sigmoid.default"] = Unary(UnaryOp.Sigmoid, inPlace: false),
        ["torch.ops.aten.sigmoid_.default"] = Unary(UnaryOp.Sigmoid, inPlace: true),
        // shape
        ["torch.ops.aten.unsqueeze.default"] = Unsqueeze,
        ["torch.ops.aten.squeeze.dim"] = Squeeze,
        ["torch.ops.aten.squeeze.dims"] = Squeeze,
        ["torch.ops.aten.squeeze.default"] = Squeeze,
        ["torch.ops.aten.select.int"] = Select,
        ["torch.ops.aten.cat.default"] = Cat,
        // network layers
        ["torch.ops.aten.conv2d.default"] = Conv2d,
        ["torch.ops.aten.convolution.default"] = Convolution,
        ["torch.ops.aten.conv_transpose2d.input"] = ConvTranspose2d,
        ["torch.ops.aten.batch_norm.default"] = BatchNorm,
        ["torch.ops.aten._native_batch_norm_legit_no_training.default"] = NativeBatchNormNoTraining,
        ["torch.ops.aten.max_pool2d.default"] = MaxPool2d,
        ["torch.ops.aten.max_pool2d_with_indices.default"] = MaxPool2d,
        ["torch.ops.aten.upsample_bilinear2d.vec"] = UpsampleBilinear2d,
        ["torch.ops.aten.upsample_bilinear2d.default"] = UpsampleBilinear2d,
    };

    public static Op? Find(string target) => s_ops.GetValueOrDefault(target);

    private static void AssertMetadata(GraphNode n, GraphInterpreter g)
    {
        var a = g.Tensor(n, "a");
        if (g.ScalarType(n, "dtype") is { } dtype && dtype != a.DType)
            throw new InvalidOperationException($"the input is {a.DType}, the graph expects {dtype}");
    }

    private static Op Identity(string name) => (n, g) => g.Alias(n, 0, g.Tensor(n, name));

    private static void Dropout(GraphNode n, GraphInterpreter g)
    {
        if (g.Bool(n, "train", false))
            throw new InvalidOperationException("dropout in training mode (the model was exported without eval())");
        g.Alias(n, 0, g.Tensor(n, "input"));
    }

    private static void Clone(GraphNode n, GraphInterpreter g)
    {
        var x = g.Tensor(n, "self");
        Convert(x, g.Output(n, 0, x.DType, (int[])x.Shape.Clone()));
    }

    private static void To(GraphNode n, GraphInterpreter g)
    {
        var x = g.Tensor(n, "self");
        var dtype = g.ScalarType(n, "dtype") ?? x.DType;
        if (dtype == x.DType && !g.Bool(n, "copy", false))
            g.Alias(n, 0, x);
        else
            Convert(x, g.Output(n, 0, dtype, (int[])x.Shape.Clone()));
    }

    private static void ToCopy(GraphNode n, GraphInterpreter g)
    {
        var x = g.Tensor(n, "self");
        Convert(x, g.Output(n, 0, g.ScalarType(n, "dtype") ?? x.DType, (int[])x.Shape.Clone()));
    }

    /// <summary>torch's casts: float→integer truncates toward zero, anything→bool is "!= 0".</summary>
    private static void Convert(Tensor x, Tensor y)
    {
        if (x.DType == DType.UInt8 && y.DType == DType.Float32)
        {
            var src = x.B.AsSpan(0, x.Length);
            var dst = y.F.AsSpan(0, y.Length);
            for (int i = 0; i < src.Length; i++)
                dst[i] = src[i];
            return;
        }
        if (x.DType == DType.Float32 && y.DType == DType.UInt8)
        {
            for (int i = 0; i < x.Length; i++)
                y.B[i] = unchecked((byte)(int)x.F[i]);
            return;
        }
        for (int i = 0; i < x.Length; i++)
            y.SetDouble(i, x.GetDouble(i));
    }

    private static Op Binary(BinaryOp op) => (n, g) =>
    {
        var a = g.Tensor(n, "self");
        var b = g.OptionalTensor(n, "other") ?? ScalarTensor(g, n, "other");
        double alpha = g.Float(n, "alpha", 1);
        if (alpha != 1 && op is BinaryOp.Add or BinaryOp.Sub)
            b = Elementwise.Scaled(b, alpha);
        if (g.Has(n, "rounding_mode"))
            throw new InvalidOperationException("div with a rounding_mode is not supported");
        Elementwise.Binary(op, a, b, (dtype, shape) => g.Output(n, 0, dtype, shape));
    };

    private static Tensor ScalarTensor(GraphInterpreter g, GraphNode n, string name)
    {
        var arg = g.RawArg(n, name) ?? throw new InvalidOperationException($"argument '{name}' is missing");
        var t = arg.Kind switch
        {
            ArgKind.Float => Tensor.Create(DType.Float32, []),
            ArgKind.Int => Tensor.Create(DType.Int64, []),
            ArgKind.Bool => Tensor.Create(DType.Bool, []),
            _ => throw new InvalidOperationException($"argument '{name}' is not a tensor or a number"),
        };
        // a Python float scalar joins a float32 tensor's computation as float32 (torch's wrapped numbers)
        t.SetDouble(0, arg.Kind switch { ArgKind.Float => arg.Float, ArgKind.Int => arg.Int, _ => arg.Bool ? 1 : 0 });
        return t;
    }

    private static Op Unary(UnaryOp op, bool inPlace) => (n, g) =>
    {
        var x = g.Tensor(n, "self");
        if (x.DType != DType.Float32)
            throw new InvalidOperationException($"{op} needs a float32 tensor, got {x.DType}");
        double slope = g.Float(n, "negative_slope", 0.01);
        // in place on the graph's values, never on the program's shared constants
        bool aliasInput = inPlace && !g.IsConstant(x);
        var y = aliasInput ? x : g.Output(n, 0, DType.Float32, (int[])x.Shape.Clone());
        Elementwise.Unary(op, (float)slope, x.F.AsSpan(0, x.Length), y.F.AsSpan(0, y.Length));
        if (aliasInput)
            g.Alias(n, 0, x);
    };

    private static int Dim(long dim, int rank)
    {
        long d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank)
            throw new InvalidOperationException($"dimension {dim} out of range for rank {rank}");
        return (int)d;
    }

    private static void Unsqueeze(GraphNode n, GraphInterpreter g)
    {
        var x = g.Tensor(n, "self");
        int dim = Dim(g.Int(n, "dim", 0), x.Rank + 1);
        var shape = new List<int>(x.Shape);
        shape.Insert(dim, 1);
        g.Alias(n, 0, x.View([.. shape]));
    }

    private static void Squeeze(GraphNode n, GraphInterpreter g)
    {
        var x = g.Tensor(n, "self");
        var dims = g.Has(n, "dim") ? g.Ints(n, "dim", []) : [.. Enumerable.Range(0, x.Rank).Select(i => (long)i)];
        var drop = new HashSet<int>(dims.Select(d => Dim(d, Math.Max(x.Rank, 1))));
        var shape = x.Shape.Where((s, i) => !(drop.Contains(i) && s == 1)).ToArray();
        g.Alias(n, 0, x.View(shape));
    }

    private static void Select(GraphNode n, GraphInterpreter g)
    {
        var x = g.Tensor(n, "self");
        int dim = Dim(g.Int(n, "dim", 0), x.Rank);
        long index = g.Int(n, "index", 0);
        if (index < 0)
            index += x.Shape[dim];
        if (index < 0 || index >= x.Shape[dim])
            throw new InvalidOperationException($"index {index} out of range for size {x.Shape[dim]}");
        var shape = x.Shape.Where((_, i) => i != dim).ToArray();
        Layout.Select(x, dim, (int)index, g.Output(n, 0, x.DType, shape));
    }

    private static void Cat(GraphNode n, GraphInterpreter g)
    {
        var xs = g.Tensors(n, "tensors");
        if (xs.Length == 0)
            throw new InvalidOperationException("cat of no tensors");
        int dim = Dim(g.Int(n, "dim", 0), xs[0].Rank);
        var shape = (int[])xs[0].Shape.Clone();
        shape[dim] = 0;
        foreach (var x in xs)
        {
            if (x.Rank != shape.Length || x.DType != xs[0].DType || Enumerable.Range(0, x.Rank).Any(d => d != dim && x.Shape[d] != xs[0].Shape[d]))
                throw new InvalidOperationException("cat of tensors whose shapes or dtypes differ");
            shape[dim] += x.Shape[dim];
        }
        Layout.Cat(xs, dim, g.Output(n, 0, xs[0].DType, shape));
    }

    private static (int, int) Pair(long[] v, string name)
    {
        if (v.Length == 1)
            return ((int)v[0], (int)v[0]);
        if (v.Length != 2)
            throw new InvalidOperationException($"{name} must have 1 or 2 values, has {v.Length}");
        return ((int)v[0], (int)v[1]);
    }

    private static Conv2dParams ConvParams(GraphNode n, GraphInterpreter g, bool transposed) => new(
        Pair(g.Ints(n, "stride", s_one2), "stride"),
        Pair(g.Ints(n, "padding", s_zero2), "padding"),
        Pair(g.Ints(n, "dilation", s_one2), "dilation"),
        transposed ? Pair(g.Ints(n, "output_padding", s_zero2), "output_padding") : (0, 0),
        (int)g.Int(n, "groups", 1));

    private static void Conv2d(GraphNode n, GraphInterpreter g)
        => RunConv(n, g, transposed: false, ConvParams(n, g, transposed: false));

    private static void ConvTranspose2d(GraphNode n, GraphInterpreter g)
        => RunConv(n, g, transposed: true, ConvParams(n, g, transposed: true));

    private static void Convolution(GraphNode n, GraphInterpreter g)
    {
        bool transposed = g.Bool(n, "transposed", false);
        RunConv(n, g, transposed, ConvParams(n, g, transposed));
    }

    private static void RunConv(GraphNode n, GraphInterpreter g, bool transposed, Conv2dParams p)
    {
        var x = g.Tensor(n, "input");
        var w = g.Tensor(n, "weight");
        var b = g.OptionalTensor(n, "bias");
        if (x.DType != DType.Float32 || w.DType != DType.Float32 || (b is not null && b.DType != DType.Float32))
            throw new InvalidOperationException("convolution needs float32 input, weight and bias");
        if (w.Rank != 4 || x.Rank is not (3 or 4))
            throw new InvalidOperationException($"only 2-D convolutions are supported (input {x.ShapeText}, weight {w.ShapeText})");
        bool unbatched = x.Rank == 3;
        var x4 = unbatched ? x.View([1, .. x.Shape]) : x;
        int[] outShape = transposed ? Convolution2d.TransposedOutputShape(x4.Shape, w.Shape, b, p) : Convolution2d.OutputShape(x4.Shape, w.Shape, b, p);
        var y = g.Output(n, 0, DType.Float32, unbatched ? outShape[1..] : outShape);
        var y4 = unbatched ? y.View(outShape) : y;
        if (transposed)
            Convolution2d.RunTransposed(x4, w, b, p, y4, g.Scratch);
        else
            Convolution2d.Run(x4, w, b, p, y4, g.Scratch);
    }

    private static void BatchNorm(GraphNode n, GraphInterpreter g)
    {
        if (g.Bool(n, "training", false))
            throw new InvalidOperationException("batch_norm in training mode (the model was exported without eval())");
        RunBatchNorm(n, g, "input");
    }

    private static void NativeBatchNormNoTraining(GraphNode n, GraphInterpreter g)
    {
        RunBatchNorm(n, g, "input");
        // the saved mean / rstd outputs are empty in inference (torch returns 0-element tensors)
        for (int i = 1; i < 3; i++)
            if (g.WantsOutput(n, i))
                g.Output(n, i, DType.Float32, [0]);
    }

    private static void RunBatchNorm(GraphNode n, GraphInterpreter g, string inputName)
    {
        var x = g.Tensor(n, inputName);
        var mean = g.OptionalTensor(n, "running_mean") ?? throw new InvalidOperationException("batch_norm without running_mean");
        var var = g.OptionalTensor(n, "running_var") ?? throw new InvalidOperationException("batch_norm without running_var");
        var y = g.Output(n, 0, DType.Float32, (int[])x.Shape.Clone());
        Elementwise.BatchNorm(x, g.OptionalTensor(n, "weight"), g.OptionalTensor(n, "bias"), mean, var, g.Float(n, "eps", 1e-5), y);
    }

    private static void MaxPool2d(GraphNode n, GraphInterpreter g)
    {
        var x = g.Tensor(n, "self");
        var kernel = Pair(g.Ints(n, "kernel_size", []), "kernel_size");
        var strideArg = g.Ints(n, "stride", []);
        var p = new Pool2dParams(kernel, strideArg.Length == 0 ? kernel : Pair(strideArg, "stride"),
            Pair(g.Ints(n, "padding", s_zero2), "padding"), Pair(g.Ints(n, "dilation", s_one2), "dilation"),
            g.Bool(n, "ceil_mode", false));
        if (x.DType != DType.Float32 || x.Rank is not (3 or 4))
            throw new InvalidOperationException($"max_pool2d needs a float32 3-D or 4-D tensor, got {x.DType} {x.ShapeText}");
        int[] outShape = Pooling.OutputShape(x.Shape, p);
        var y = g.Output(n, 0, DType.Float32, outShape);
        var indices = g.WantsOutput(n, 1) ? g.Output(n, 1, DType.Int64, (int[])outShape.Clone()) : null;
        Pooling.Max(x, p, y, indices);
    }

    private static void UpsampleBilinear2d(GraphNode n, GraphInterpreter g)
    {
        var x = g.Tensor(n, "input");
        if (x.DType != DType.Float32 || x.Rank != 4)
            throw new InvalidOperationException($"upsample_bilinear2d needs a float32 4-D tensor, got {x.DType} {x.ShapeText}");
        bool alignCorners = g.Bool(n, "align_corners", false);
        var sizes = g.Ints(n, "output_size", []);
        double[]? scales = g.Floats(n, "scale_factors");
        double? scaleH = g.Has(n, "scales_h") ? g.Float(n, "scales_h", 0) : scales?[0];
        double? scaleW = g.Has(n, "scales_w") ? g.Float(n, "scales_w", 0) : scales is { Length: > 1 } ? scales[1] : scales?[0];
        int oh, ow;
        if (sizes.Length == 2)
            (oh, ow) = ((int)sizes[0], (int)sizes[1]);
        else if (scaleH is { } sh && scaleW is { } sw)
            (oh, ow) = ((int)Math.Floor(x.Shape[2] * sh), (int)Math.Floor(x.Shape[3] * sw));
        else
            throw new InvalidOperationException("upsample_bilinear2d without output_size or scale_factors");
        var y = g.Output(n, 0, DType.Float32, [x.Shape[0], x.Shape[1], oh, ow]);
        // torch maps coordinates with the given scales when there are any (else input/output size)
        Upsample.Bilinear(x, y, alignCorners, scaleH, scaleW);
    }
}
