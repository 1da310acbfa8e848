using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dcnum.Segmentation.Torch.Network;

/// <summary>
/// The few vector operations the convolution kernels use, so one kernel serves two widths: the
/// generic method is compiled once per struct, with the calls inlined.
/// </summary>
internal interface IFloatVector<TSelf> where TSelf : struct, IFloatVector<TSelf>
{
    static abstract int Count { get; }
    static abstract TSelf Load(ref float source, int offset);
    static abstract TSelf Broadcast(float value);
    /// <summary>a·b + c: an FMA where the build targets one, else a multiply and an add.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);
    static abstract void Store(TSelf value, ref float target, int offset, Activation activation, float slope);
}

/// <summary>SSE width: what the x64 baseline build accelerates.</summary>
internal readonly struct Float4(Vector128<float> value) : IFloatVector<Float4>
{
    private readonly Vector128<float> _value = value;

    public static int Count => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float4 Load(ref float source, int offset) => new(Vector128.LoadUnsafe(ref source, (nuint)offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float4 Broadcast(float value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float4 MultiplyAdd(Float4 a, Float4 b, Float4 c) => new(Vector128.MultiplyAddEstimate(a._value, b._value, c._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float4 value, ref float target, int offset, Activation activation, float slope)
    {
        Vector128<float> a = value._value;
        if (activation == Activation.Relu)
            a = Vector128.Max(a, Vector128<float>.Zero);
        else if (activation == Activation.LeakyRelu)
            a = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(a, Vector128<float>.Zero), a, a * Vector128.Create(slope));
        a.StoreUnsafe(ref target, (nuint)offset);
    }
}

/// <summary>AVX width: used only where <see cref="Vector256.IsHardwareAccelerated"/> (an x86-64-v3 build, or the JIT on such a CPU).</summary>
internal readonly struct Float8(Vector256<float> value) : IFloatVector<Float8>
{
    private readonly Vector256<float> _value = value;

    public static int Count => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Load(ref float source, int offset) => new(Vector256.LoadUnsafe(ref source, (nuint)offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 Broadcast(float value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Float8 MultiplyAdd(Float8 a, Float8 b, Float8 c) => new(Vector256.MultiplyAddEstimate(a._value, b._value, c._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Float8 value, ref float target, int offset, Activation activation, float slope)
    {
        Vector256<float> a = value._value;
        if (activation == Activation.Relu)
            a = Vector256.Max(a, Vector256<float>.Zero);
        else if (activation == Activation.LeakyRelu)
            a = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(a, Vector256<float>.Zero), a, a * Vector256.Create(slope));
        a.StoreUnsafe(ref target, (nuint)offset);
    }
}
