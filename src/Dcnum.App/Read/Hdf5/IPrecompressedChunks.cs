namespace Dcnum.Read.Hdf5;

/// <summary>
/// Chunks compressed before PureHDF asks for them. The writer compresses while events stream in
/// and, when it assembles the file, hands PureHDF a stand-in buffer for each chunk: asked to
/// compress that buffer, <see cref="ZstdFilter"/> returns the stored bytes instead.
/// </summary>
public interface IPrecompressedChunks
{
    /// <summary>The stored bytes if <paramref name="buffer"/> stands for a chunk compressed already.</summary>
    bool TryTake(ReadOnlyMemory<byte> buffer, out Memory<byte> stored);
}
