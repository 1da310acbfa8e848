namespace Dcnum.Write.Hdf5;

/// <summary>
/// Bob Jenkins' lookup3 <c>hashlittle</c> (byte-wise), the checksum HDF5 puts after version-2
/// object headers and other checksummed metadata (H5_checksum_lookup3, initial value 0).
/// </summary>
internal static class Lookup3
{
    public static uint Hash(ReadOnlySpan<byte> key, uint initial = 0)
    {
        uint a, b, c;
        a = b = c = 0xdeadbeef + (uint)key.Length + initial;
        while (key.Length > 12)
        {
            a += BitConverter.ToUInt32(key[..4]);
            b += BitConverter.ToUInt32(key[4..8]);
            c += BitConverter.ToUInt32(key[8..12]);
            a -= c; a ^= Rot(c, 4); c += b;
            b -= a; b ^= Rot(a, 6); a += c;
            c -= b; c ^= Rot(b, 8); b += a;
            a -= c; a ^= Rot(c, 16); c += b;
            b -= a; b ^= Rot(a, 19); a += c;
            c -= b; c ^= Rot(b, 4); b += a;
            key = key[12..];
        }
        if (key.Length == 0)
            return c;
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        key.CopyTo(tail);
        a += BitConverter.ToUInt32(tail[..4]);
        b += BitConverter.ToUInt32(tail[4..8]);
        c += BitConverter.ToUInt32(tail[8..12]);
        c ^= b; c -= Rot(b, 14);
        a ^= c; a -= Rot(c, 11);
        b ^= a; b -= Rot(a, 25);
        c ^= b; c -= Rot(b, 16);
        a ^= c; a -= Rot(c, 4);
        b ^= a; b -= Rot(a, 14);
        c ^= b; c -= Rot(b, 24);
        return c;
    }

    private static uint Rot(uint x, int k) => (x << k) | (x >> (32 - k));
}
