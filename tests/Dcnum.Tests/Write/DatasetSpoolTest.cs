using Dcnum.Read.Hdf5;
using Dcnum.Tests.Support;
using Dcnum.Write;

namespace Dcnum.Tests.Write;

/// <summary>
/// Chunk buffers are recycled without clearing; the last, partial chunk of a dataset must still
/// reach the file padded with zeros (libhdf5 and PureHDF never show the padding, but it is part
/// of the compressed bytes, so garbage there would make output depend on earlier chunks).
/// </summary>
public class DatasetSpoolTest
{
    [Test]
    [Arguments(0)]
    [Arguments(5)]
    public async Task Finish_PadsTheLastChunkWithZeros_WhenItsBufferWasRecycledDirty(int level)
    {
        using var temp = new TempDirectory("dcnum-spool-");
        using var store = new ChunkStore(Path.Combine(temp.Path, "spool"), level, parallelism: 1);
        var spool = new DatasetSpool("events", "deform", ElementType.Float64, [], store);
        int rows = spool.ChunkRows;
        // Enough full chunks of 0xFF that the store has recycled buffers when the last one is rented.
        byte[] full = new byte[rows * spool.RowBytes];
        Array.Fill(full, (byte)0xFF);
        for (int i = 0; i < store.Window + 2; i++)
            spool.Append(full);
        byte[] tail = new byte[3 * spool.RowBytes];
        Array.Fill(tail, (byte)0x5A);
        spool.Append(tail);
        spool.Finish();
        store.Drain();

        StoredChunk last = spool.Chunks[^1];
        byte[] stored = new byte[last.Length];
        store.Read(last, stored);
        byte[] chunk = level == 0 ? stored : new byte[full.Length];
        if (level != 0)
            await Assert.That(Zstd.Decompress(stored, chunk)).IsEqualTo(full.Length);
        await Assert.That(chunk.Length).IsEqualTo(full.Length);
        await Assert.That(chunk.AsSpan(0, tail.Length).ToArray().All(b => b == 0x5A)).IsTrue();
        await Assert.That(chunk.AsSpan(tail.Length).ToArray().All(b => b == 0)).IsTrue();
        await Assert.That(spool.Rows).IsEqualTo((long)(store.Window + 2) * rows + 3);
    }
}
