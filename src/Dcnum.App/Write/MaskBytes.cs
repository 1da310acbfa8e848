using System.Numerics;
using System.Runtime.InteropServices;

namespace Dcnum.Write;

/// <summary>dcnum stores masks as uint8 0/255; .NET bools are bytes 0/1, and 0 − 1 wraps to 255.</summary>
internal static class MaskBytes
{
    public static void FromBools(ReadOnlySpan<byte> bools, Span<byte> destination)
    {
        if (Vector.IsHardwareAccelerated)
            FromBoolsVector(bools, destination);
        else
            FromBoolsScalar(bools, destination);
    }

    /// <summary>Whole vectors negated, the tail by <see cref="FromBoolsScalar"/>.</summary>
    internal static void FromBoolsVector(ReadOnlySpan<byte> bools, Span<byte> destination)
    {
        ReadOnlySpan<Vector<byte>> from = MemoryMarshal.Cast<byte, Vector<byte>>(bools);
        Span<Vector<byte>> to = MemoryMarshal.Cast<byte, Vector<byte>>(destination[..bools.Length]);
        for (int v = 0; v < from.Length; v++)
            to[v] = Vector<byte>.Zero - from[v];
        int done = from.Length * Vector<byte>.Count;
        FromBoolsScalar(bools[done..], destination[done..]);
    }

    internal static void FromBoolsScalar(ReadOnlySpan<byte> bools, Span<byte> destination)
    {
        for (int i = 0; i < bools.Length; i++)
            destination[i] = (byte)(0 - bools[i]);
    }
}
