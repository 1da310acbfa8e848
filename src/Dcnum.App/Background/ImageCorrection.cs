using System.Numerics;
using System.Runtime.InteropServices;

namespace Dcnum.Background;

/// <summary>dcnum's image_corr: the int16 difference image − image_bg, per pixel (SIMD, exact).</summary>
internal static class ImageCorrection
{
    public static void Subtract(ReadOnlySpan<byte> image, ReadOnlySpan<byte> background, Span<short> corr)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && image.Length >= Vector<byte>.Count)
        {
            ReadOnlySpan<Vector<byte>> a = MemoryMarshal.Cast<byte, Vector<byte>>(image);
            ReadOnlySpan<Vector<byte>> b = MemoryMarshal.Cast<byte, Vector<byte>>(background[..image.Length]);
            Span<Vector<short>> c = MemoryMarshal.Cast<short, Vector<short>>(corr[..(a.Length * Vector<byte>.Count)]);
            for (int v = 0; v < a.Length; v++)
            {
                Vector.Widen(a[v], out Vector<ushort> aLow, out Vector<ushort> aHigh);
                Vector.Widen(b[v], out Vector<ushort> bLow, out Vector<ushort> bHigh);
                c[2 * v] = Vector.AsVectorInt16(aLow) - Vector.AsVectorInt16(bLow);
                c[2 * v + 1] = Vector.AsVectorInt16(aHigh) - Vector.AsVectorInt16(bHigh);
            }
            i = a.Length * Vector<byte>.Count;
        }
        for (; i < image.Length; i++)
            corr[i] = (short)(image[i] - background[i]);
    }
}
