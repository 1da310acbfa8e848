using System.Buffers.Binary;
using System.IO.Compression;

namespace Dcnum.Tests.Support;

/// <summary>
/// Minimal PNG reader for test vectors and screenshots: 8-bit grayscale, RGB(A), gray+alpha or
/// palette, non-interlaced.
/// </summary>
public static class PngImage
{
    /// <summary>A decoded image: rows of <see cref="Channels"/> bytes per pixel (palette images: one index per pixel).</summary>
    public sealed record Decoded(byte[] Pixels, int Height, int Width, int Channels, byte[]? Palette);

    /// <summary>One channel as OpenCV's <c>cv2.imread(path)[:, :, 0]</c> gives it (gray value, or the blue channel of colour).</summary>
    public static (byte[] Pixels, int Height, int Width) ReadChannel0(string path)
    {
        Decoded d = Read(File.ReadAllBytes(path), path);
        // cv2.imread gives BGR: channel 0 is blue (PNG byte 2 of RGB), gray is replicated
        int pick = d.Channels >= 3 ? 2 : 0;
        var result = new byte[d.Height * d.Width];
        for (int i = 0; i < result.Length; i++)
            result[i] = d.Pixels[i * d.Channels + pick];
        return (result, d.Height, d.Width);
    }

    public static Decoded Read(string path) => Read(File.ReadAllBytes(path), path);

    public static Decoded Read(byte[] file, string name)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(signature))
            throw new InvalidDataException($"{name}: not a PNG file");
        int width = 0, height = 0, colorType = -1, bitDepth = 0, interlace = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        int pos = 8;
        while (pos < file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
            ReadOnlySpan<byte> data = file.AsSpan(pos + 8, length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(pos + 8 + length));
            if (Crc32(file.AsSpan(pos + 4, 4 + length)) != stored)
                throw new InvalidDataException($"{name}: CRC mismatch in chunk {type}");
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                bitDepth = data[8];
                colorType = data[9];
                interlace = data[12];
            }
            else if (type == "PLTE")
            {
                palette = data.ToArray();
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }
            pos += 12 + length;
        }
        int channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        if (bitDepth != 8 || channels == 0 || interlace != 0 || (colorType == 3 && palette is null))
            throw new InvalidDataException($"{name}: unsupported PNG (depth {bitDepth}, colour {colorType}, interlace {interlace})");

        int stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
            z.ReadExactly(raw);

        var image = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            ReadOnlySpan<byte> src = raw.AsSpan(y * (stride + 1) + 1, stride);
            Span<byte> cur = image.AsSpan(y * stride, stride);
            ReadOnlySpan<byte> prev = y > 0 ? image.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? cur[i - channels] : 0;
                int b = prev[i];
                int c = i >= channels ? prev[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"{name}: bad filter {filter}"),
                };
                cur[i] = (byte)(src[i] + predictor);
            }
        }
        return new Decoded(image, height, width, channels, colorType == 3 ? palette : null);
    }

    /// <summary>PNG's CRC-32 (ISO 3309, reflected 0xEDB88320), bit by bit: independent of any library.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
