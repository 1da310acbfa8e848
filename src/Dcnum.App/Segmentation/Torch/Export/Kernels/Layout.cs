namespace Dcnum.Segmentation.Torch.Export.Kernels;

/// <summary>Copies that move whole runs of elements: <c>select</c> and <c>cat</c> of contiguous tensors.</summary>
internal static class Layout
{
    /// <summary><c>y = x.select(dim, index)</c>.</summary>
    public static void Select(Tensor x, int dim, int index, Tensor y)
    {
        int outer = Tensor.Count(x.Shape.AsSpan(0, dim));
        int inner = Tensor.Count(x.Shape.AsSpan(dim + 1));
        int size = x.Shape[dim];
        for (int o = 0; o < outer; o++)
            Copy(x, (o * size + index) * inner, y, o * inner, inner);
    }

    /// <summary><c>y = cat(xs, dim)</c> (shapes checked by the caller).</summary>
    public static void Cat(Tensor[] xs, int dim, Tensor y)
    {
        int outer = Tensor.Count(y.Shape.AsSpan(0, dim));
        int inner = Tensor.Count(y.Shape.AsSpan(dim + 1));
        int at = 0;
        for (int o = 0; o < outer; o++)
        {
            foreach (var x in xs)
            {
                int run = x.Shape[dim] * inner;
                Copy(x, o * run, y, at, run);
                at += run;
            }
        }
    }

    private static void Copy(Tensor x, int from, Tensor y, int to, int count)
    {
        switch (x.DType)
        {
            case DType.Float32: x.F.AsSpan(from, count).CopyTo(y.F.AsSpan(to)); break;
            case DType.Int64: x.L.AsSpan(from, count).CopyTo(y.L.AsSpan(to)); break;
            default: x.B.AsSpan(from, count).CopyTo(y.B.AsSpan(to)); break;
        }
    }
}
