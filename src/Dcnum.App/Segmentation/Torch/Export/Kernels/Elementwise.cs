using System.Runtime.Intrinsics;

namespace Dcnum.Segmentation.Torch.Export.Kernels;

internal enum BinaryOp { Add, Sub, Mul, Div, Ge, Gt }

internal enum UnaryOp { Relu, LeakyRelu, Sigmoid }

/// <summary>
/// Element-wise ops with torch's broadcasting and (the used part of) its type promotion: any
/// float32 operand makes the computation float32, a 0-d tensor or Python number joins it as a
/// float32 value (so <c>uint8 image → float / tensor(255)</c> is exactly <c>(float)v / 255f</c>),
/// true division of integers is float32, comparisons give bool.
/// </summary>
internal static class Elementwise
{
    public delegate Tensor Allocate(DType dtype, int[] shape);

    public static void Binary(BinaryOp op, Tensor a, Tensor b, Allocate allocate)
    {
        bool compare = op is BinaryOp.Ge or BinaryOp.Gt;
        bool isFloat = a.DType == DType.Float32 || b.DType == DType.Float32 || op == BinaryOp.Div;
        if (!isFloat && (a.DType != DType.Int64 || b.DType != DType.Int64) && !compare)
            throw new InvalidOperationException($"{op} of {a.DType} and {b.DType} is not supported");
        int[] shape = BroadcastShape(a.Shape, b.Shape);
        var y = allocate(compare ? DType.Bool : isFloat ? DType.Float32 : DType.Int64, shape);
        if (isFloat)
            BinaryFloat(op, AsFloat(a), a.Shape, AsFloat(b), b.Shape, y);
        else
            BinaryGeneric(op, a, b, y);
    }

    /// <summary><paramref name="b"/> times the <c>alpha</c> of add/sub, as a new float32 tensor.</summary>
    public static Tensor Scaled(Tensor b, double alpha)
    {
        var s = Tensor.Create(b.DType == DType.Int64 && alpha == Math.Floor(alpha) ? DType.Int64 : DType.Float32, (int[])b.Shape.Clone());
        for (int i = 0; i < b.Length; i++)
            s.SetDouble(i, s.DType == DType.Float32 ? (float)b.GetDouble(i) * (float)alpha : b.GetDouble(i) * alpha);
        return s;
    }

    private static float[] AsFloat(Tensor t)
    {
        if (t.DType == DType.Float32)
            return t.F;
        var f = new float[t.Length];
        for (int i = 0; i < f.Length; i++)
            f[i] = (float)t.GetDouble(i);
        return f;
    }

    public static int[] BroadcastShape(int[] a, int[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            int db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new InvalidOperationException($"shapes [{string.Join(", ", a)}] and [{string.Join(", ", b)}] do not broadcast");
            shape[i] = da == 1 ? db : da;
        }
        return shape;
    }

    /// <summary>Element strides of a tensor of <paramref name="shape"/> read as <paramref name="outShape"/> (0 where broadcast).</summary>
    private static int[] BroadcastStrides(int[] shape, int[] outShape)
    {
        var strides = new int[outShape.Length];
        int stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            int o = i + outShape.Length - shape.Length;
            strides[o] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }
        return strides;
    }

    private static void BinaryFloat(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, Tensor y)
    {
        int n = y.Length;
        int na = Tensor.Count(aShape), nb = Tensor.Count(bShape);
        if (na == n && nb == n)
        {
            for (int i = 0; i < n; i++)
                Store(op, y, i, a[i], b[i]);
        }
        else if (na == n && nb == 1)
        {
            float s = b[0];
            for (int i = 0; i < n; i++)
                Store(op, y, i, a[i], s);
        }
        else if (na == 1 && nb == n)
        {
            float s = a[0];
            for (int i = 0; i < n; i++)
                Store(op, y, i, s, b[i]);
        }
        else
        {
            var sa = BroadcastStrides(aShape, y.Shape);
            var sb = BroadcastStrides(bShape, y.Shape);
            var index = new int[y.Rank];
            int ia = 0, ib = 0;
            for (int i = 0; i < n; i++)
            {
                Store(op, y, i, a[ia], b[ib]);
                for (int d = y.Rank - 1; d >= 0; d--)
                {
                    ia += sa[d];
                    ib += sb[d];
                    if (++index[d] < y.Shape[d])
                        break;
                    ia -= sa[d] * index[d];
                    ib -= sb[d] * index[d];
                    index[d] = 0;
                }
            }
        }
    }

    private static void Store(BinaryOp op, Tensor y, int i, float a, float b)
    {
        switch (op)
        {
            case BinaryOp.Add: y.F[i] = a + b; break;
            case BinaryOp.Sub: y.F[i] = a - b; break;
            case BinaryOp.Mul: y.F[i] = a * b; break;
            case BinaryOp.Div: y.F[i] = a / b; break;
            case BinaryOp.Ge: y.B[i] = a >= b ? (byte)1 : (byte)0; break;
            default: y.B[i] = a > b ? (byte)1 : (byte)0; break;
        }
    }

    /// <summary>Integer arithmetic (int64 with int64) and integer comparisons, through the broadcast walk.</summary>
    private static void BinaryGeneric(BinaryOp op, Tensor a, Tensor b, Tensor y)
    {
        var sa = BroadcastStrides(a.Shape, y.Shape);
        var sb = BroadcastStrides(b.Shape, y.Shape);
        var index = new int[y.Rank];
        for (int i = 0; i < y.Length; i++)
        {
            int ia = 0, ib = 0;
            for (int d = 0; d < y.Rank; d++)
            {
                ia += index[d] * sa[d];
                ib += index[d] * sb[d];
            }
            if (op is BinaryOp.Ge or BinaryOp.Gt)
            {
                double va = a.GetDouble(ia), vb = b.GetDouble(ib);
                y.B[i] = (op == BinaryOp.Ge ? va >= vb : va > vb) ? (byte)1 : (byte)0;
            }
            else
            {
                long va = a.L[ia], vb = b.L[ib];
                y.L[i] = op switch { BinaryOp.Add => va + vb, BinaryOp.Sub => va - vb, _ => va * vb };
            }
            for (int d = y.Rank - 1; d >= 0; d--)
            {
                if (++index[d] < y.Shape[d])
                    break;
                index[d] = 0;
            }
        }
    }

    public static void Unary(UnaryOp op, float slope, ReadOnlySpan<float> x, Span<float> y)
    {
        switch (op)
        {
            case UnaryOp.Relu:
            {
                // NaN stays NaN, as in torch: keep x where x > 0 or x is NaN (x != x)
                int i = 0;
                for (; i + 4 <= x.Length; i += 4)
                {
                    var v = Vector128.Create(x.Slice(i, 4));
                    var keep = Vector128.GreaterThan(v, Vector128<float>.Zero) | ~Vector128.Equals(v, v);
                    (v & keep).CopyTo(y.Slice(i, 4));
                }
                for (; i < x.Length; i++)
                    y[i] = x[i] > 0 || float.IsNaN(x[i]) ? x[i] : 0f;
                break;
            }
            case UnaryOp.LeakyRelu:
                for (int i = 0; i < x.Length; i++)
                    y[i] = x[i] > 0 ? x[i] : x[i] * slope;
                break;
            default:
                // in double, rounded once: within an ulp of torch's float sigmoid
                for (int i = 0; i < x.Length; i++)
                    y[i] = (float)(1.0 / (1.0 + Math.Exp(-(double)x[i])));
                break;
        }
    }

    /// <summary>
    /// Inference batch norm over dim 1, as torch's CPU kernel computes it in float32: per channel
    /// <c>alpha = weight / sqrt(var + eps)</c>, <c>beta = bias - mean * alpha</c>, then
    /// <c>y = x * alpha + beta</c>.
    /// </summary>
    public static void BatchNorm(Tensor x, Tensor? weight, Tensor? bias, Tensor mean, Tensor var, double eps, Tensor y)
    {
        if (x.DType != DType.Float32 || x.Rank < 2)
            throw new InvalidOperationException($"batch_norm needs a float32 tensor with channels, got {x.DType} {x.ShapeText}");
        int n = x.Shape[0], c = x.Shape[1];
        int inner = Tensor.Count(x.Shape.AsSpan(2));
        foreach (var p in new[] { weight, bias, mean, var })
            if (p is not null && (p.DType != DType.Float32 || p.Length != c))
                throw new InvalidOperationException($"batch_norm parameter of shape {p.ShapeText} for {c} channels");
        for (int ch = 0; ch < c; ch++)
        {
            float invstd = 1f / MathF.Sqrt(var.F[ch] + (float)eps);
            float alpha = (weight?.F[ch] ?? 1f) * invstd;
            float beta = (bias?.F[ch] ?? 0f) - mean.F[ch] * alpha;
            for (int s = 0; s < n; s++)
            {
                var src = x.F.AsSpan((s * c + ch) * inner, inner);
                var dst = y.F.AsSpan((s * c + ch) * inner, inner);
                var va = Vector128.Create(alpha);
                var vb = Vector128.Create(beta);
                int i = 0;
                for (; i + 4 <= src.Length; i += 4)
                    (Vector128.Create(src.Slice(i, 4)) * va + vb).CopyTo(dst.Slice(i, 4));
                for (; i < src.Length; i++)
                    dst[i] = src[i] * alpha + beta;
            }
        }
    }
}
