using System.Buffers.Binary;
using System.Runtime.Intrinsics;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// HDF5's Fletcher32 checksum (<c>H5_checksum_fletcher32</c>): over big-endian 16-bit words (an odd
/// last byte counts as the high byte of a word), sum1 = Σ w and sum2 = Σ of the running sum1,
/// both modulo 65535 with HDF5's end-around folding. Every chunk read and written goes through it,
/// so it runs 8 words at a time. Folding keeps a sum's residue modulo 65535 and never turns a
/// positive sum into 0, so the folded result is 0 only for all-zero data and 65535 where the
/// residue is 0: exact sums modulo 65535 give HDF5's value.
/// </summary>
public static class Fletcher32
{
    private const uint Mod = 65535;
    // Vectors per block: the per-lane weighted sums stay below 2^32 (K(K+1)/2 · 65535).
    private const int BlockVectors = 256;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        ulong s1 = 0, s2 = 0; // exact Σ w and Σ running sums, modulo 65535
        bool nonZero = false;
        int words = data.Length / 2;
        int w = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<uint> lanes = Vector128.Create(0u, 1, 2, 3);
            while (words - w >= 8)
            {
                int k = Math.Min(BlockVectors, (words - w) / 8);
                Vector128<uint> aLo = Vector128<uint>.Zero, aHi = aLo, bLo = aLo, bHi = aLo;
                ReadOnlySpan<byte> block = data.Slice(2 * w, 16 * k);
                for (int v = 0; v < k; v++)
                {
                    Vector128<ushort> x = Vector128.Create(block.Slice(16 * v, 16)).AsUInt16();
                    x = (x << 8) | (x >> 8); // big-endian words
                    (Vector128<uint> lo, Vector128<uint> hi) = Vector128.Widen(x);
                    aLo += lo;
                    aHi += hi;
                    bLo += aLo;
                    bHi += aHi;
                }
                // Block of n = 8k words u_j: Σ u and Σ (n − j)·u_j = 8·Σ b_l − Σ l·a_l.
                ulong a = Vector128.Sum(Vector128.WidenLower(aLo) + Vector128.WidenUpper(aLo))
                        + Vector128.Sum(Vector128.WidenLower(aHi) + Vector128.WidenUpper(aHi));
                ulong b = Vector128.Sum(Vector128.WidenLower(bLo) + Vector128.WidenUpper(bLo))
                        + Vector128.Sum(Vector128.WidenLower(bHi) + Vector128.WidenUpper(bHi));
                Vector128<uint> laLo = aLo * lanes, laHi = aHi * (lanes + Vector128.Create(4u));
                ulong la = Vector128.Sum(Vector128.WidenLower(laLo) + Vector128.WidenUpper(laLo))
                         + Vector128.Sum(Vector128.WidenLower(laHi) + Vector128.WidenUpper(laHi));
                ulong n = 8UL * (ulong)k;
                nonZero |= a != 0;
                s2 = (s2 + n % Mod * s1 + (8 * b - la) % Mod) % Mod;
                s1 = (s1 + a) % Mod;
                w += 8 * k;
            }
        }
        for (; w < words; w++)
        {
            uint word = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2 * w, 2));
            nonZero |= word != 0;
            s1 = (s1 + word) % Mod;
            s2 = (s2 + s1) % Mod;
        }
        if ((data.Length & 1) != 0)
        {
            uint word = (uint)data[^1] << 8;
            nonZero |= word != 0;
            s1 = (s1 + word) % Mod;
            s2 = (s2 + s1) % Mod;
        }
        if (!nonZero)
            return 0;
        uint sum1 = s1 == 0 ? Mod : (uint)s1;
        uint sum2 = s2 == 0 ? Mod : (uint)s2;
        return (sum2 << 16) | sum1;
    }

    /// <summary>Whether <paramref name="stored"/> (as read little-endian from the chunk's end) matches: libhdf5 also accepts the byte order of old files.</summary>
    public static bool Matches(uint computed, uint stored)
    {
        uint reversed = ((computed & 0x00FF00FF) << 8) | ((computed >> 8) & 0x00FF00FF);
        return stored == computed || stored == reversed;
    }
}
