using System.Buffers.Binary;
using System.Text;

namespace Dcnum.Write.Hdf5;

/// <summary>
/// Bodies of the HDF5 messages the header patcher writes (HDF5 file format spec, level 2):
/// datatypes as h5py creates them for numpy dtypes, dataspaces, attributes, chunked layouts.
/// </summary>
internal static class Hdf5Encoding
{
    /// <summary>numpy <c>S{length}</c>: fixed-length ASCII, null-padded (class 3, version 1).</summary>
    public static byte[] FixedString(int length)
    {
        var t = new byte[8];
        t[0] = 0x13;
        t[1] = 0x01; // padding: null pad; character set: ASCII
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), (uint)length);
        return t;
    }

    /// <summary>Little-endian integer (class 0, version 1).</summary>
    public static byte[] Integer(int size, bool signed)
    {
        var t = new byte[12];
        t[0] = 0x10;
        t[1] = signed ? (byte)0x08 : (byte)0;
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(10), (ushort)(8 * size));
        return t;
    }

    /// <summary>Little-endian IEEE float of 4 or 8 bytes (class 1, version 1).</summary>
    public static byte[] Float(int size)
    {
        var t = new byte[20];
        t[0] = 0x11;
        t[1] = 0x20; // mantissa normalisation: implied most significant bit
        t[2] = (byte)(8 * size - 1); // sign bit
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(10), (ushort)(8 * size));
        (byte expLocation, byte expSize, byte mantSize, uint bias) = size == 8 ? ((byte)52, (byte)11, (byte)52, 1023u) : ((byte)23, (byte)8, (byte)23, 127u);
        t[12] = expLocation;
        t[13] = expSize;
        t[14] = 0;
        t[15] = mantSize;
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(16), bias);
        return t;
    }

    /// <summary>h5py's bool: an enum over int8 with FALSE = 0, TRUE = 1 (class 8, version 3).</summary>
    public static byte[] BoolEnum()
    {
        var t = new List<byte> { 0x38, 2, 0, 0, 1, 0, 0, 0 };
        t.AddRange(Integer(1, signed: true));
        t.AddRange("FALSE\0TRUE\0"u8.ToArray());
        t.AddRange([0, 1]);
        return [.. t];
    }

    /// <summary>A packed compound (class 6, version 3): members at their byte offsets.</summary>
    public static byte[] Compound(int size, IReadOnlyList<(string Name, int Offset, byte[] Type)> members)
    {
        var t = new List<byte> { 0x36, (byte)members.Count, (byte)(members.Count >> 8), 0 };
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(four, (uint)size);
        t.AddRange(four.ToArray());
        int offsetBytes = size < 1 << 8 ? 1 : size < 1 << 16 ? 2 : size < 1 << 24 ? 3 : 4;
        foreach (var (name, offset, type) in members)
        {
            t.AddRange(Encoding.UTF8.GetBytes(name));
            t.Add(0);
            for (int b = 0; b < offsetBytes; b++)
                t.Add((byte)(offset >> (8 * b)));
            t.AddRange(type);
        }
        return [.. t];
    }

    /// <summary>A simple dataspace (version 2) without maximum dimensions; rank 0 is scalar.</summary>
    public static byte[] Dataspace(IReadOnlyList<ulong> dims)
    {
        var s = new byte[4 + 8 * dims.Count];
        s[0] = 2;
        s[1] = (byte)dims.Count;
        s[2] = 0;
        s[3] = dims.Count == 0 ? (byte)0 : (byte)1;
        for (int i = 0; i < dims.Count; i++)
            BinaryPrimitives.WriteUInt64LittleEndian(s.AsSpan(4 + 8 * i), dims[i]);
        return s;
    }

    /// <summary>An attribute message (version 3, ASCII name) with a scalar value.</summary>
    public static byte[] ScalarAttribute(string name, byte[] datatype, ReadOnlySpan<byte> value) => Attribute(name, datatype, [], value);

    /// <summary>An attribute message (version 3, ASCII name): scalar (no dims) or an array.</summary>
    public static byte[] Attribute(string name, byte[] datatype, IReadOnlyList<ulong> dims, ReadOnlySpan<byte> value)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        byte[] space = Dataspace(dims);
        var a = new byte[9 + nameBytes.Length + datatype.Length + space.Length + value.Length];
        a[0] = 3;
        a[1] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(a.AsSpan(2), (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(a.AsSpan(4), (ushort)datatype.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(a.AsSpan(6), (ushort)space.Length);
        a[8] = 0;
        int p = 9;
        nameBytes.CopyTo(a, p);
        p += nameBytes.Length;
        datatype.CopyTo(a, p);
        p += datatype.Length;
        space.CopyTo(a, p);
        p += space.Length;
        value.CopyTo(a.AsSpan(p));
        return a;
    }

    /// <summary>
    /// A version-4 chunked layout with new chunk dimensions (the last one is the element size),
    /// keeping the flags, chunk index type, index information and address of <paramref name="old"/>.
    /// Valid when the chunks hold the same bytes in the same order (single-chunk and fixed-array
    /// indexes do not store chunk coordinates).
    /// </summary>
    public static byte[] RechunkedLayout(byte[] old, IReadOnlyList<ulong> chunkDims)
    {
        if (old[0] != 4 || old[1] != 2)
            throw new NotSupportedException($"layout version {old[0]} class {old[1]} (expected a v4 chunked layout)");
        int oldDims = old[3], oldSize = old[4];
        int rest = 5 + oldDims * oldSize;
        if (old[rest] is not (1 or 3))
            throw new NotSupportedException($"chunk index type {old[rest]} (only single chunk and fixed array keep no coordinates)");
        ulong max = chunkDims.Max();
        int size = max < 1UL << 8 ? 1 : max < 1UL << 16 ? 2 : max < 1UL << 32 ? 4 : 8;
        var l = new List<byte> { 4, 2, old[2], (byte)chunkDims.Count, (byte)size };
        foreach (ulong d in chunkDims)
            for (int b = 0; b < size; b++)
                l.Add((byte)(d >> (8 * b)));
        l.AddRange(old.AsSpan(rest).ToArray());
        return [.. l];
    }
}
