using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Dcnum.Meta;

/// <summary>
/// MD5 (RFC 1321) in managed code. dcnum keys basins, pipeline hashes and run identifiers on
/// MD5; .NET's <c>System.Security.Cryptography.MD5</c> loads libssl at run time, which a fully
/// static executable in an empty root does not have.
/// </summary>
public static class Md5
{
    private static readonly uint[] s_k = BuildSineTable();

    private static readonly int[] s_shift =
    [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];

    /// <summary>Lower-case hex MD5 of the UTF-8 bytes of <paramref name="text"/> (Python's <c>hashlib.md5(s.encode()).hexdigest()</c>).</summary>
    public static string HexOf(string text) => HexOf(Encoding.UTF8.GetBytes(text));

    /// <summary>Lower-case hex MD5 of <paramref name="data"/>.</summary>
    public static string HexOf(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[16];
        var state = new Incremental();
        state.Append(data);
        state.Finish(digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Streaming MD5, for hashing files block by block (dcnum's <c>md5sum</c>, <c>md5_5m</c>).</summary>
    public sealed class Incremental
    {
        private readonly uint[] _h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
        private readonly byte[] _block = new byte[64];
        private int _filled;
        private ulong _length;

        public void Append(ReadOnlySpan<byte> data)
        {
            _length += (ulong)data.Length;
            if (_filled > 0)
            {
                int take = Math.Min(64 - _filled, data.Length);
                data[..take].CopyTo(_block.AsSpan(_filled));
                _filled += take;
                data = data[take..];
                if (_filled < 64)
                    return;
                Compress(_block);
                _filled = 0;
            }
            while (data.Length >= 64)
            {
                Compress(data[..64]);
                data = data[64..];
            }
            data.CopyTo(_block);
            _filled = data.Length;
        }

        public void Finish(Span<byte> digest)
        {
            ulong bits = _length * 8;
            Span<byte> pad = stackalloc byte[72];
            pad.Clear();
            pad[0] = 0x80;
            int padLength = (_filled < 56 ? 56 : 120) - _filled;
            BinaryPrimitives.WriteUInt64LittleEndian(pad[padLength..], bits);
            ulong keep = _length;
            Append(pad[..(padLength + 8)]);
            _length = keep;
            for (int i = 0; i < 4; i++)
                BinaryPrimitives.WriteUInt32LittleEndian(digest[(4 * i)..], _h[i]);
        }

        private void Compress(ReadOnlySpan<byte> block)
        {
            Span<uint> m = stackalloc uint[16];
            for (int i = 0; i < 16; i++)
                m[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(4 * i)..]);
            uint a = _h[0], b = _h[1], c = _h[2], d = _h[3];
            for (int i = 0; i < 64; i++)
            {
                uint f;
                int g;
                switch (i >> 4)
                {
                    case 0: f = (b & c) | (~b & d); g = i; break;
                    case 1: f = (d & b) | (~d & c); g = (5 * i + 1) & 15; break;
                    case 2: f = b ^ c ^ d; g = (3 * i + 5) & 15; break;
                    default: f = c ^ (b | ~d); g = (7 * i) & 15; break;
                }
                uint rotated = BitOperations.RotateLeft(a + f + s_k[i] + m[g], s_shift[i]);
                a = d;
                d = c;
                c = b;
                b += rotated;
            }
            _h[0] += a;
            _h[1] += b;
            _h[2] += c;
            _h[3] += d;
        }
    }

    private static uint[] BuildSineTable()
    {
        var k = new uint[64];
        for (int i = 0; i < 64; i++)
            k[i] = (uint)(long)Math.Floor(Math.Abs(Math.Sin(i + 1)) * 4294967296.0);
        return k;
    }
}
