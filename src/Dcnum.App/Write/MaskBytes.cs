using System.Numerics;
using System.Runtime.InteropServices;

namespace Dcnum.Write;

/// <summary>dcnum stores masks as uint8 0/255; .NET bools are bytes 0/1, and 0 − 1 wraps to 255.</summary>
internal static class MaskBytes
{
    public static void FromBools(ReadOnlySpan<byte> bools, Span<byte> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ReadOnlySpan<Vector<byte>> from = MemoryMarshal.Cast<byte, Vector<byte>>(bools);
            Span<Vector<byte>> to = MemoryMarshal.Cast<byte, Vector<byte>>(destination[..bools.Length]);
            for (int v = 0; v < from.Length; v++)
                to[v] = Vector<byte>.Zero - from[v];
            i = from.Length * Vector<byte>.Count;
        }
        for (; i < bools.Length; i++)
            destination[i] = (byte)(0 - bools[i]);
    }
}
