using System.Buffers.Binary;
using System.Text;

namespace Dcnum.Write.Hdf5;

/// <summary>One message of a version-2 object header: type, flags and body as stored.</summary>
internal sealed record HeaderMessage(byte Type, byte Flags, byte[] Body, ushort CreationOrder = 0);

/// <summary>
/// Rewrites messages of version-2 object headers ("OHDR") in a finished HDF5 file, in place: the
/// header keeps its address and chunk size, what a rewrite frees becomes a NIL message, and the
/// lookup3 checksum is recomputed. PureHDF cannot write everything dcnum's files contain
/// (fixed-length ASCII strings, HDF5 enums for bools, compound tables); the writer stores a
/// placeholder of the same bytes and this gives it the right type afterwards.
/// Only what PureHDF writes is supported: superblock v2/v3 with 8-byte offsets and lengths,
/// compact groups, headers in one chunk.
/// </summary>
internal sealed class ObjectHeaderPatcher : IDisposable
{
    public const byte Dataspace = 0x01, LinkInfo = 0x02, Datatype = 0x03, Layout = 0x08, Link = 0x06, Attribute = 0x0C, Continuation = 0x10, Nil = 0x00;
    private const ulong Undefined = ulong.MaxValue;
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1a, (byte)'\n'];
    private readonly FileStream _file;
    private readonly long _root;

    public ObjectHeaderPatcher(string path)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Span<byte> sb = stackalloc byte[48];
        _file.Position = 0;
        _file.ReadExactly(sb);
        if (!sb[..8].SequenceEqual(Signature) || sb[8] is not (2 or 3) || sb[9] != 8 || sb[10] != 8)
            throw new NotSupportedException("header patching needs a superblock v2/v3 with 8-byte offsets");
        _root = (long)BinaryPrimitives.ReadUInt64LittleEndian(sb[36..44]);
    }

    /// <summary>An object's header, by its path from the root group ("" is the root).</summary>
    public ObjectHeader Open(string path)
    {
        long address = _root;
        foreach (string part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            address = ChildAddress(Read(address), part);
        return Read(address);
    }

    private long ChildAddress(ObjectHeader group, string name)
    {
        foreach (HeaderMessage m in group.Messages)
        {
            if (m.Type == LinkInfo && BinaryPrimitives.ReadUInt64LittleEndian(m.Body.AsSpan(2 + ((m.Body[1] & 1) != 0 ? 8 : 0))) != Undefined)
                throw new NotSupportedException("dense link storage");
            if (m.Type != Link)
                continue;
            byte flags = m.Body[1];
            int p = 2;
            if ((flags & 0x08) != 0 && m.Body[p++] != 0)
                continue; // not a hard link
            if ((flags & 0x04) != 0)
                p += 8;
            if ((flags & 0x10) != 0)
                p += 1;
            int lengthSize = 1 << (flags & 3);
            int length = (int)ReadUInt(m.Body.AsSpan(p, lengthSize));
            p += lengthSize;
            if (Encoding.UTF8.GetString(m.Body, p, length) == name)
                return (long)BinaryPrimitives.ReadUInt64LittleEndian(m.Body.AsSpan(p + length));
        }
        throw new InvalidOperationException($"no link '{name}'");
    }

    private ObjectHeader Read(long address)
    {
        var prefix = new byte[6 + 16 + 4 + 8];
        _file.Position = address;
        _file.ReadExactly(prefix.AsSpan(0, 6));
        if (!prefix.AsSpan(0, 4).SequenceEqual("OHDR"u8) || prefix[4] != 2)
            throw new NotSupportedException($"no version-2 object header at {address}");
        byte flags = prefix[5];
        int p = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        int sizeBytes = 1 << (flags & 3);
        _file.ReadExactly(prefix.AsSpan(6, p - 6 + sizeBytes));
        long chunkSize = (long)ReadUInt(prefix.AsSpan(p, sizeBytes));
        int prefixLength = p + sizeBytes;
        var chunk = new byte[chunkSize];
        _file.ReadExactly(chunk);
        int headerSize = (flags & 0x04) != 0 ? 6 : 4;
        var messages = new List<HeaderMessage>();
        for (int at = 0; at + headerSize <= chunk.Length;)
        {
            byte type = chunk[at];
            int size = BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(at + 1));
            byte mflags = chunk[at + 3];
            ushort order = headerSize == 6 ? BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(at + 4)) : (ushort)0;
            if (type == Continuation)
                throw new NotSupportedException("object header continuation");
            messages.Add(new HeaderMessage(type, mflags, chunk.AsSpan(at + headerSize, size).ToArray(), order));
            at += headerSize + size;
        }
        return new ObjectHeader(address, prefix.AsSpan(0, prefixLength).ToArray(), chunkSize, headerSize, messages);
    }

    /// <summary>Writes the header back at its address; fails when the messages outgrew the chunk.</summary>
    public void Write(ObjectHeader header)
    {
        var chunk = new byte[header.ChunkSize];
        int at = 0;
        foreach (HeaderMessage m in header.Messages.Where(m => m.Type != Nil))
        {
            if (at + header.MessageHeaderSize + m.Body.Length > chunk.Length)
                throw new InvalidOperationException($"object header at {header.Address}: the rewritten messages need more than its {chunk.Length} bytes");
            at += Put(chunk.AsSpan(at), header.MessageHeaderSize, m);
        }
        int rest = chunk.Length - at;
        if (rest >= header.MessageHeaderSize)
            Put(chunk.AsSpan(at), header.MessageHeaderSize, new HeaderMessage(Nil, 0, new byte[rest - header.MessageHeaderSize]));
        var all = new byte[header.Prefix.Length + chunk.Length];
        header.Prefix.CopyTo(all, 0);
        chunk.CopyTo(all, header.Prefix.Length);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Lookup3.Hash(all));
        _file.Position = header.Address;
        _file.Write(all);
        _file.Write(checksum);
    }

    private static int Put(Span<byte> target, int headerSize, HeaderMessage m)
    {
        target[0] = m.Type;
        BinaryPrimitives.WriteUInt16LittleEndian(target[1..], checked((ushort)m.Body.Length));
        target[3] = m.Flags;
        if (headerSize == 6)
            BinaryPrimitives.WriteUInt16LittleEndian(target[4..], m.CreationOrder);
        m.Body.CopyTo(target[headerSize..]);
        return headerSize + m.Body.Length;
    }

    internal static ulong ReadUInt(ReadOnlySpan<byte> bytes)
    {
        ulong v = 0;
        for (int i = bytes.Length - 1; i >= 0; i--)
            v = (v << 8) | bytes[i];
        return v;
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>A parsed object header (see <see cref="ObjectHeaderPatcher"/>).</summary>
internal sealed record ObjectHeader(long Address, byte[] Prefix, long ChunkSize, int MessageHeaderSize, List<HeaderMessage> Messages)
{
    /// <summary>Index of the attribute message named <paramref name="name"/>, or −1.</summary>
    public int FindAttribute(string name)
    {
        for (int i = 0; i < Messages.Count; i++)
        {
            HeaderMessage m = Messages[i];
            if (m.Type != ObjectHeaderPatcher.Attribute || m.Body[0] != 3)
                continue;
            int nameSize = BinaryPrimitives.ReadUInt16LittleEndian(m.Body.AsSpan(2));
            if (nameSize > 0 && Encoding.UTF8.GetString(m.Body, 9, nameSize - 1) == name)
                return i;
        }
        return -1;
    }

    public int Find(byte type) => Messages.FindIndex(m => m.Type == type);
}
