using Dcnum.Read.Hdf5;
using PureHDF.Filters;

namespace Dcnum.Tests.Read;

/// <summary>Our vectorised Fletcher32 gives PureHDF's (libhdf5's algorithm) bytes for every length and content.</summary>
public class Fletcher32Test
{
    private static byte[] PureHdfChecksummed(byte[] data)
        => new Fletcher32Filter().Filter(new FilterInfo(H5FilterFlags.None, [], data.Length, data)).ToArray();

    private static byte[] OursChecksummed(byte[] data)
        => new Fletcher32Check().Filter(new FilterInfo(H5FilterFlags.None, [], data.Length, data)).ToArray();

    public static IEnumerable<(string Kind, int Length)> Cases()
    {
        // Around the scalar tail, the 8-word vectors, the 2048-word blocks, odd lengths, chunk sizes.
        int[] lengths = [0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 719, 720, 721, 4095, 4096, 4097, 4111, 8192, 12_345, 65_537, 1_024_000, 1_024_001];
        foreach (string kind in new[] { "random", "zeros", "ones", "0xFF00", "sparse" })
            foreach (int n in lengths)
                yield return (kind, n);
    }

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Checksum_EqualsPureHdf(string kind, int length)
    {
        var rng = new Random(length * 31 + kind.Length);
        var data = new byte[length];
        switch (kind)
        {
            case "random": rng.NextBytes(data); break;
            case "ones": Array.Fill(data, (byte)0xFF); break; // every word 65535: sums ≡ 0 mod 65535
            case "0xFF00":
                for (int i = 0; i < length; i += 2)
                    data[i] = 0xFF;
                break;
            case "sparse":
                for (int i = 0; i < length; i += 997)
                    data[i] = (byte)rng.Next(1, 256);
                break;
        }
        await Assert.That(OursChecksummed(data)).IsEquivalentTo(PureHdfChecksummed(data), TUnit.Assertions.Enums.CollectionOrdering.Matching);
    }

    [Test]
    public async Task Verify_AcceptsGoodChunk_RejectsFlippedBit()
    {
        var data = new byte[100_001];
        new Random(3).NextBytes(data);
        byte[] chunk = PureHdfChecksummed(data);
        var filter = new Fletcher32Check();
        Memory<byte> back = filter.Filter(new FilterInfo(H5FilterFlags.Decompress, [], data.Length, chunk.ToArray()));
        await Assert.That(back.ToArray()).IsEquivalentTo(data, TUnit.Assertions.Enums.CollectionOrdering.Matching);
        chunk[50_000] ^= 0x10;
        await Assert.That(() => filter.Filter(new FilterInfo(H5FilterFlags.Decompress, [], data.Length, chunk))).Throws<ChecksumMismatchException>();
    }
}
