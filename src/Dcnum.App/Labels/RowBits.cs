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

    // Native AOT compiles for the x64 baseline, where Vector256 is not accelerated: the kernels use
    // Vector128 (SSE2), the widest vector the shipped binary runs, so the tests run the same code.

    /// <summary>Sets the bits of the non-zero bytes of <paramref name="row"/>; returns false if there is none.</summary>
    public static bool FromBytes(ReadOnlySpan<byte> row, Span<ulong> bits)
        => Vector128.IsHardwareAccelerated ? FromBytesVector(row, bits) : FromBytesScalar(row, bits);

    internal static bool FromBytesVector(ReadOnlySpan<byte> row, Span<ulong> bits)
    {
        ref byte start = ref MemoryMarshal.GetReference(row);
        int width = row.Length;
        int x = 0;
        ulong any = 0;
        // whole words first: most are background, which one OR of four vectors tells
        for (; x + 64 <= width; x += 64)
        {
            Vector128<byte> v0 = Vector128.LoadUnsafe(ref start, (nuint)x);
            Vector128<byte> v1 = Vector128.LoadUnsafe(ref start, (nuint)(x + 16));
            Vector128<byte> v2 = Vector128.LoadUnsafe(ref start, (nuint)(x + 32));
            Vector128<byte> v3 = Vector128.LoadUnsafe(ref start, (nuint)(x + 48));
            ulong word = 0;
            if ((v0 | v1 | v2 | v3) != Vector128<byte>.Zero)
            {
                word = (ulong)(~Vector128.Equals(v0, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF)
                       | (ulong)(~Vector128.Equals(v1, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF) << 16
                       | (ulong)(~Vector128.Equals(v2, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF) << 32
                       | (ulong)(~Vector128.Equals(v3, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF) << 48;
            }
            bits[x >> 6] = word;
            any |= word;
        }
        // then 16 pixels per step
        for (; x + 16 <= width; x += 16)
        {
            uint zero = Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)x), Vector128<byte>.Zero).ExtractMostSignificantBits();
            ulong part = (ulong)(~zero & 0xFFFF) << (x & 63);
            any |= Put(bits, x, part);
        }
        if (x < width)
            any |= Put(bits, x, NonZeroBits(row[x..], x));
        return any != 0;
    }

    internal static bool FromBytesScalar(ReadOnlySpan<byte> row, Span<ulong> bits) => FromScalar(row, bits);

    /// <summary>Sets the bits of the non-zero values of <paramref name="row"/>; returns false if there is none.</summary>
    public static bool FromNonZero(ReadOnlySpan<ushort> row, Span<ulong> bits)
        => Vector128.IsHardwareAccelerated ? FromNonZeroVector(row, bits) : FromNonZeroScalar(row, bits);

    internal static bool FromNonZeroVector(ReadOnlySpan<ushort> row, Span<ulong> bits)
    {
        ref ushort start = ref MemoryMarshal.GetReference(row);
        int width = row.Length;
        int x = 0;
        ulong any = 0;
        // whole words first: most are background, which one OR of eight vectors tells
        for (; x + 64 <= width; x += 64)
        {
            ref ushort at = ref Unsafe.Add(ref start, x);
            Vector128<ushort> v0 = Vector128.LoadUnsafe(ref at, 0), v1 = Vector128.LoadUnsafe(ref at, 8);
            Vector128<ushort> v2 = Vector128.LoadUnsafe(ref at, 16), v3 = Vector128.LoadUnsafe(ref at, 24);
            Vector128<ushort> v4 = Vector128.LoadUnsafe(ref at, 32), v5 = Vector128.LoadUnsafe(ref at, 40);
            Vector128<ushort> v6 = Vector128.LoadUnsafe(ref at, 48), v7 = Vector128.LoadUnsafe(ref at, 56);
            ulong word = 0;
            if ((v0 | v1 | v2 | v3 | v4 | v5 | v6 | v7) != Vector128<ushort>.Zero)
            {
                word = NonZeroBits16(v0, v1) | NonZeroBits16(v2, v3) << 16 | NonZeroBits16(v4, v5) << 32 | NonZeroBits16(v6, v7) << 48;
            }
            bits[x >> 6] = word;
            any |= word;
        }
        for (; x + 16 <= width; x += 16)
        {
            Vector128<ushort> lower = Vector128.LoadUnsafe(ref start, (nuint)x);
            Vector128<ushort> upper = Vector128.LoadUnsafe(ref start, (nuint)(x + 8));
            ulong part;
            if ((lower | upper) == Vector128<ushort>.Zero)
            {
                // background is the common case: no compare, no narrowing
                part = 0;
            }
            else
            {
                uint zero = Vector128.Narrow(Vector128.Equals(lower, Vector128<ushort>.Zero), Vector128.Equals(upper, Vector128<ushort>.Zero))
                    .ExtractMostSignificantBits();
                part = (ulong)(~zero & 0xFFFF) << (x & 63);
            }
            any |= Put(bits, x, part);
        }
        if (x < width)
            any |= Put(bits, x, NonZeroBits(row[x..], x));
        return any != 0;
    }

    // bit i: value i of the 16 in (lower, upper) is non-zero
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong NonZeroBits16(Vector128<ushort> lower, Vector128<ushort> upper)
    {
        uint zero = Vector128.Narrow(Vector128.Equals(lower, Vector128<ushort>.Zero), Vector128.Equals(upper, Vector128<ushort>.Zero))
            .ExtractMostSignificantBits();
        return ~zero & 0xFFFF;
    }

    internal static bool FromNonZeroScalar(ReadOnlySpan<ushort> row, Span<ulong> bits) => FromScalar(row, bits);

    // The reference both vector kernels are tested against, and the path without SIMD.
    private static bool FromScalar<T>(ReadOnlySpan<T> row, Span<ulong> bits) where T : unmanaged, IEquatable<T>
    {
        bool any = false;
        for (int x = 0; x < row.Length; x += 64)
        {
            ulong word = NonZeroBits(row.Slice(x, Math.Min(64, row.Length - x)), x);
            bits[x >> 6] = word;
            any |= word != 0;
        }
        return any;
    }

    // bit (x + i) & 63 set for each non-zero value i of a piece of at most one word, starting at column x
    private static ulong NonZeroBits<T>(ReadOnlySpan<T> piece, int x) where T : unmanaged, IEquatable<T>
    {
        ulong part = 0;
        for (int i = 0; i < piece.Length; i++)
        {
            if (!piece[i].Equals(default))
                part |= 1UL << ((x + i) & 63);
        }
        return part;
    }

    // Stores the bits of a piece that starts at column x: the first piece of a word replaces it
    // (the bit set is reused from row to row), later pieces of the same word are OR-ed in.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Put(Span<ulong> bits, int x, ulong part)
    {
        if ((x & 63) == 0)
            bits[x >> 6] = part;
        else
            bits[x >> 6] |= part;
        return part;
    }

    public static bool IsEmpty(ReadOnlySpan<ulong> bits)
    {
        ulong any = 0;
        foreach (ulong word in bits)
            any |= word;
        return any == 0;
    }

    /// <summary>Appends the runs of set bits of one row to <paramref name="runs"/> with <paramref name="value"/>.</summary>
    public static void AppendRuns(ReadOnlySpan<ulong> bits, RunTable runs, int value)
    {
        var cursor = new RunCursor(bits);
        while (cursor.Next(out int x0, out int x1))
            runs.Add(x0, x1, value);
    }

    /// <summary>
    /// Appends the runs of set bits of one row, split where the label in <paramref name="labels"/>
    /// changes, each with its label.
    /// </summary>
    public static void AppendLabelledRuns(ReadOnlySpan<ulong> bits, ReadOnlySpan<ushort> labels, RunTable runs)
    {
        var cursor = new RunCursor(bits);
        while (cursor.Next(out int x0, out int x1))
        {
            while (true)
            {
                ushort label = labels[x0];
                int other = OtherThan(labels.Slice(x0, x1 - x0 + 1), label);
                if (other < 0)
                {
                    runs.Add(x0, x1, label);
                    break;
                }
                runs.Add(x0, x0 + other - 1, label);
                x0 += other;
            }
        }
    }

    // IndexOfAnyExcept, with a plain loop for the short runs that most are
    private static int OtherThan(ReadOnlySpan<ushort> run, ushort label)
    {
        if (run.Length > 16)
            return run.IndexOfAnyExcept(label);
        for (int i = 1; i < run.Length; i++)
        {
            if (run[i] != label)
                return i;
        }
        return -1;
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

/// <summary>Walks the runs of set bits of one row (<see cref="RowBits"/> layout) from left to right.</summary>
internal ref struct RunCursor
{
    private readonly ReadOnlySpan<ulong> _bits;
    private int _word;
    private ulong _rest;

    public RunCursor(ReadOnlySpan<ulong> bits)
    {
        _bits = bits;
        _word = 0;
        _rest = bits.IsEmpty ? 0 : bits[0];
    }

    /// <summary>The next run <paramref name="x0"/> … <paramref name="x1"/> (inclusive); false after the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(out int x0, out int x1)
    {
        int words = _bits.Length;
        while (_rest == 0)
        {
            if (++_word >= words)
            {
                x0 = x1 = 0;
                return false;
            }
            _rest = _bits[_word];
        }
        x0 = (_word << 6) + BitOperations.TrailingZeroCount(_rest);
        // the first clear bit at or after x0 ends the run (the clear padding bits end it at the width)
        ulong clear = ~_rest & (ulong.MaxValue << (x0 & 63));
        while (clear == 0)
        {
            if (++_word == words)
            {
                x1 = (words << 6) - 1;
                _rest = 0;
                return true;
            }
            clear = ~_bits[_word];
        }
        int end = BitOperations.TrailingZeroCount(clear);
        x1 = (_word << 6) + end - 1;
        _rest = _bits[_word] & (ulong.MaxValue << end);
        return true;
    }
}
