using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Dcnum.Report;

/// <summary>
/// Writes 8-bit PNG images (grayscale or palette) for the report's data URIs. zlib comes from the
/// runtime (ZLibStream), the chunk CRC32 from System.IO.Hashing: no native imaging library, so the
/// binary stays static. Every row uses the "Up" filter, which suits camera images (neighbouring
/// rows are alike) and costs one subtraction per byte.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>An 8-bit grayscale image of <paramref name="height"/> rows of <paramref name="width"/> pixels.</summary>
    public static byte[] Gray(ReadOnlySpan<byte> pixels, int height, int width)
        => Encode(pixels, height, width, colorType: 0, palette: default);

    /// <summary>
    /// An 8-bit palette image: each byte of <paramref name="indices"/> is an entry of
    /// <paramref name="paletteRgb"/> (3 bytes per entry, at most 256 entries).
    /// </summary>
    public static byte[] Indexed(ReadOnlySpan<byte> indices, int height, int width, ReadOnlySpan<byte> paletteRgb)
    {
        if (paletteRgb.Length == 0 || paletteRgb.Length % 3 != 0 || paletteRgb.Length > 3 * 256)
            throw new ArgumentException("a palette has 1 to 256 RGB entries", nameof(paletteRgb));
        return Encode(indices, height, width, colorType: 3, paletteRgb);
    }

    private static byte[] Encode(ReadOnlySpan<byte> pixels, int height, int width, byte colorType, ReadOnlySpan<byte> palette)
    {
        if (height <= 0 || width <= 0 || pixels.Length != height * width)
            throw new ArgumentException($"{pixels.Length} pixels are not {height} × {width}", nameof(pixels));
        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;          // bit depth
        header[9] = colorType;  // 0 gray, 3 palette
        header[10] = header[11] = header[12] = 0; // deflate, adaptive filtering, no interlace
        WriteChunk(png, "IHDR"u8, header);
        if (colorType == 3)
            WriteChunk(png, "PLTE"u8, palette);

        // Filtered rows: a filter byte (2 = Up) then each byte minus the one above it.
        var filtered = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = filtered.AsSpan(y * (width + 1), width + 1);
            ReadOnlySpan<byte> cur = pixels.Slice(y * width, width);
            row[0] = 2;
            if (y == 0)
            {
                cur.CopyTo(row[1..]);
                continue;
            }
            ReadOnlySpan<byte> above = pixels.Slice((y - 1) * width, width);
            for (int x = 0; x < width; x++)
                row[x + 1] = (byte)(cur[x] - above[x]);
        }
        using var deflated = new MemoryStream();
        using (var z = new ZLibStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
            z.Write(filtered);
        WriteChunk(png, "IDAT"u8, deflated.GetBuffer().AsSpan(0, (int)deflated.Length));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        png.Write(type);
        png.Write(data);
        // PNG stores the CRC big-endian; System.IO.Hashing's Crc32 is the same polynomial (ISO 3309).
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        png.Write(word);
    }
}
