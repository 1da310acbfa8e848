using System.Buffers.Binary;

namespace Dcnum.Read.Hdf5;

/// <summary>
/// Reads the HDF5 superblock's end-of-file address, so that a truncated file is refused when it is
/// opened instead of failing somewhere in the middle of a run (PureHDF reads lazily).
/// Layout: HDF5 File Format Specification, "Superblock" (versions 0–3).
/// </summary>
public static class Superblock
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>Null when the file looks whole, else the problem in a few words.</summary>
    public static string? CheckComplete(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        long length = stream.Length;
        if (length == 0)
            return "empty file (0 bytes)";
        Span<byte> header = stackalloc byte[96];
        // The superblock is at 0, 512, 1024, 2048, … (after an optional user block).
        for (long offset = 0; offset + Signature.Length <= length; offset = offset == 0 ? 512 : offset * 2)
        {
            stream.Position = offset;
            int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            if (read < Signature.Length || !header[..Signature.Length].SequenceEqual(Signature))
                continue;
            long? eof = EndOfFileAddress(header[..read], out long baseAddress);
            if (eof is null)
                return "HDF5 superblock is cut short or has an unknown version";
            long expected = baseAddress + eof.Value;
            if (expected > length)
                return $"truncated: the file has {length} bytes, its HDF5 superblock says {expected}";
            return null;
        }
        return "not an HDF5 file (no HDF5 signature)";
    }

    private static long? EndOfFileAddress(ReadOnlySpan<byte> sb, out long baseAddress)
    {
        baseAddress = 0;
        if (sb.Length < 9)
            return null;
        byte version = sb[8];
        int offsetSize, at;
        switch (version)
        {
            case 0 or 1:
                if (sb.Length < 16)
                    return null;
                offsetSize = sb[13];
                // 8 signature + 8 version bytes + 2+2 K values + 4 flags (+ 4 for v1)
                at = 24 + (version == 1 ? 4 : 0);
                if (!ValidSize(offsetSize) || sb.Length < at + 4 * offsetSize)
                    return null;
                baseAddress = ReadAddress(sb[at..], offsetSize);
                return ReadAddress(sb[(at + 2 * offsetSize)..], offsetSize); // base, free space, EOF
            case 2 or 3:
                offsetSize = sb[9];
                at = 12;
                if (!ValidSize(offsetSize) || sb.Length < at + 3 * offsetSize)
                    return null;
                baseAddress = ReadAddress(sb[at..], offsetSize);
                return ReadAddress(sb[(at + 2 * offsetSize)..], offsetSize); // base, extension, EOF
            default:
                return null;
        }
    }

    private static bool ValidSize(int size) => size is 2 or 4 or 8;

    private static long ReadAddress(ReadOnlySpan<byte> b, int size) => size switch
    {
        2 => BinaryPrimitives.ReadUInt16LittleEndian(b),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(b),
        _ => (long)BinaryPrimitives.ReadUInt64LittleEndian(b),
    };
}
