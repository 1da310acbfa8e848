namespace Dcnum.Segmentation.Torch.Export;

/// <summary>
/// The element types the interpreter computes in, numbered like torch.export's serialized
/// <c>ScalarType</c> (torch/_export/serde/schema.py: BYTE=1, LONG=5, FLOAT=7, BOOL=12).
/// </summary>
public enum DType
{
    UInt8 = 1,
    Int64 = 5,
    Float32 = 7,
    Bool = 12,
}

/// <summary>
/// A dense, contiguous (row-major) tensor. The storage array may be longer than the tensor
/// (the interpreter reuses buffers between calls), so <see cref="Length"/> comes from the shape.
/// uint8 and bool share the byte storage; bool holds 0 or 1.
/// </summary>
public sealed class Tensor
{
    public DType DType { get; }
    public int[] Shape { get; }
    public int Length { get; }
    public float[] F { get; } = [];
    public byte[] B { get; } = [];
    public long[] L { get; } = [];

    private Tensor(DType dtype, int[] shape, int length, float[]? f, byte[]? b, long[]? l)
    {
        DType = dtype;
        Shape = shape;
        Length = length;
        F = f ?? [];
        B = b ?? [];
        L = l ?? [];
    }

    public static int Count(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new InvalidOperationException("negative tensor dimension");
            n *= d;
            if (n > Array.MaxLength)
                throw new InvalidOperationException("tensor too large");
        }
        return (int)n;
    }

    /// <summary>A new zeroed tensor, or <paramref name="reuse"/> reshaped when its storage is big enough.</summary>
    public static Tensor Create(DType dtype, int[] shape, Tensor? reuse = null)
    {
        int n = Count(shape);
        if (reuse is not null && reuse.DType == dtype && reuse.Capacity >= n)
            return reuse.Shape.AsSpan().SequenceEqual(shape) ? reuse : reuse.View(shape);
        return dtype switch
        {
            DType.Float32 => new Tensor(dtype, shape, n, new float[n], null, null),
            DType.UInt8 or DType.Bool => new Tensor(dtype, shape, n, null, new byte[n], null),
            DType.Int64 => new Tensor(dtype, shape, n, null, null, new long[n]),
            _ => throw new InvalidOperationException($"unsupported dtype {dtype}"),
        };
    }

    /// <summary>The same storage under another shape with the same or a smaller element count.</summary>
    public Tensor View(int[] shape)
    {
        int n = Count(shape);
        if (n > Capacity)
            throw new InvalidOperationException("view larger than its storage");
        return new Tensor(DType, shape, n, DType == DType.Float32 ? F : null,
            DType is DType.UInt8 or DType.Bool ? B : null, DType == DType.Int64 ? L : null);
    }

    public int Capacity => DType switch
    {
        DType.Float32 => F.Length,
        DType.Int64 => L.Length,
        _ => B.Length,
    };

    public int Rank => Shape.Length;

    /// <summary>Element <paramref name="i"/> as a double (all dtypes), for scalars and the generic paths.</summary>
    public double GetDouble(int i) => DType switch
    {
        DType.Float32 => F[i],
        DType.Int64 => L[i],
        _ => B[i],
    };

    public void SetDouble(int i, double v)
    {
        switch (DType)
        {
            case DType.Float32: F[i] = (float)v; break;
            case DType.Int64: L[i] = (long)v; break;
            case DType.Bool: B[i] = v != 0 ? (byte)1 : (byte)0; break;
            default: B[i] = (byte)(long)v; break;
        }
    }

    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
