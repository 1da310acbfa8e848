using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dcnum.Labels;

/// <summary>
/// One frame row as a bit set: bit <c>x &amp; 63</c> of word <c>x &gt;&gt; 6</c> is column x. The bits
/// beyond the width in the last word are always 0. Rows of mostly background become a few words
/// that are scanned with trailing-zero counts instead of pixel by pixel.
/// </summary>
internal static class RowBits
{
    public static int WordsPerRow(int width) => (width + 63) >> 6;

    /// <summary>The valid bits of the last word of a row (all ones when the width is a multiple of 64).</summary>
    public static ulong LastWordMask(int width) => (width & 63) == 0 ? ulong.MaxValue : (1UL << (width & 63)) - 1;

    /// <summary>Sets the bits of the non-zero bytes of <paramref name="row"/>.</summary>
    public static void FromBytes(ReadOnlySpan<byte> row, Span<ulong> bits)
    {
        ref byte start = ref MemoryMarshal.GetReference(row);
        int x = 0;
        int words = WordsPerRow(row.Length);
        for (int j = 0; j < words; j++)
        {
            ulong word = 0;
            int end = Math.Min(row.Length, x + 64);
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x + Vector256<byte>.Count <= end; x += Vector256<byte>.Count)
                {
                    uint zero = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)x), Vector256<byte>.Zero).ExtractMostSignificantBits();
                    word |= (ulong)~zero << (x & 63);
                }
            }
            if (Vector128.IsHardwareAccelerated)
            {
                for (; x + Vector128<byte>.Count <= end; x += Vector128<byte>.Count)
                {
                    uint zero = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)x), Vector128<byte>.Zero).ExtractMostSignificantBits();
                    word |= (ulong)(~zero & 0xFFFF) << (x & 63);
                }
            }
            for (; x < end; x++)
            {
                if (Unsafe.Add(ref start, x) != 0)
                    word |= 1UL << (x & 63);
            }
            bits[j] = word;
        }
    }

    /// <summary>Sets the bits of the non-zero values of <paramref name="row"/>.</summary>
    public static void FromNonZero(ReadOnlySpan<ushort> row, Span<ulong> bits)
    {
        ref ushort start = ref MemoryMarshal.GetReference(row);
        int x = 0;
        int words = WordsPerRow(row.Length);
        for (int j = 0; j < words; j++)
        {
            ulong word = 0;
            int end = Math.Min(row.Length, x + 64);
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x + 2 * Vector256<ushort>.Count <= end; x += 2 * Vector256<ushort>.Count)
                {
                    Vector256<ushort> lower = Vector256.Equals(Vector256.LoadUnsafe(ref start, (nuint)x), Vector256<ushort>.Zero);
                    Vector256<ushort> upper = Vector256.Equals(
                        Vector256.LoadUnsafe(ref start, (nuint)(x + Vector256<ushort>.Count)), Vector256<ushort>.Zero);
                    uint zero = Vector256.Narrow(lower, upper).ExtractMostSignificantBits();
                    word |= (ulong)~zero << (x & 63);
                }
            }
            for (; x < end; x++)
            {
                if (Unsafe.Add(ref start, x) != 0)
                    word |= 1UL << (x & 63);
            }
            bits[j] = word;
        }
    }

    /// <summary>Appends the runs of set bits of one row to <paramref name="runs"/> with <paramref name="value"/>.</summary>
    public static void AppendRuns(ReadOnlySpan<ulong> bits, RunTable runs, int value)
    {
        int words = bits.Length;
        int j = 0;
        ulong word = bits[0];
        while (true)
        {
            while (word == 0)
            {
                if (++j == words)
                    return;
                word = bits[j];
            }
            int x0 = (j << 6) + BitOperations.TrailingZeroCount(word);
            // the first clear bit at or after x0 ends the run (clear padding bits end it at the width)
            ulong clear = ~word & (ulong.MaxValue << (x0 & 63));
            while (clear == 0)
            {
                if (++j == words)
                {
                    runs.Add(x0, (words << 6) - 1, value);
                    return;
                }
                clear = ~bits[j];
            }
            int end = BitOperations.TrailingZeroCount(clear);
            runs.Add(x0, (j << 6) + end - 1, value);
            word = bits[j] & (ulong.MaxValue << end);
        }
    }

    /// <summary>Sets columns <paramref name="x0"/> … <paramref name="x1"/> (inclusive).</summary>
    public static void SetRange(Span<ulong> bits, int x0, int x1)
    {
        int j0 = x0 >> 6, j1 = x1 >> 6;
        ulong first = ulong.MaxValue << (x0 & 63);
        ulong last = ulong.MaxValue >> (63 - (x1 & 63));
        if (j0 == j1)
        {
            bits[j0] |= first & last;
            return;
        }
        bits[j0] |= first;
        for (int j = j0 + 1; j < j1; j++)
            bits[j] = ulong.MaxValue;
        bits[j1] |= last;
    }

    /// <summary>
    /// Word <paramref name="j"/> of the row moved by <paramref name="d"/> columns: bit x of the result is
    /// column x + d of <paramref name="bits"/>; columns outside the row read as <paramref name="outside"/>
    /// (all ones or zero), including the padding beyond the width (<paramref name="lastMask"/>).
    /// </summary>
    public static ulong Shifted(ReadOnlySpan<ulong> bits, int j, int d, ulong outside, ulong lastMask)
    {
        int q = d >> 6, s = d & 63;
        ulong low = WordOf(bits, j + q, outside, lastMask);
        if (s == 0)
            return low;
        ulong high = WordOf(bits, j + q + 1, outside, lastMask);
        return (low >> s) | (high << (64 - s));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WordOf(ReadOnlySpan<ulong> bits, int j, ulong outside, ulong lastMask)
    {
        if ((uint)j >= (uint)bits.Length)
            return outside;
        ulong word = bits[j];
        return j == bits.Length - 1 ? word | (outside & ~lastMask) : word;
    }
}
