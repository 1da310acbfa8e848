using PureHDF.Filters;

namespace Dcnum.Read.Hdf5;

/// <summary>The checksum of a chunk does not match its data: the file is corrupt.</summary>
public sealed class ChecksumMismatchException(string message, Exception inner) : IOException(message, inner);

/// <summary>
/// HDF5 filter 3 (Fletcher32), delegating to PureHDF's implementation but failing with a clear
/// <see cref="ChecksumMismatchException"/> (PureHDF says only "Filter pipeline failed").
/// </summary>
public sealed class Fletcher32Check : IH5Filter
{
    private readonly Fletcher32Filter _inner = new();

    public ushort FilterId => Fletcher32Filter.Id;

    public string Name => _inner.Name;

    public Memory<byte> Filter(FilterInfo info)
    {
        if (!info.Flags.HasFlag(H5FilterFlags.Decompress))
            return _inner.Filter(info);
        try
        {
            return _inner.Filter(info);
        }
        catch (Exception ex) when (ex is not ChecksumMismatchException)
        {
            throw new ChecksumMismatchException("Fletcher32 checksum mismatch (corrupt data)", ex);
        }
    }

    public uint[] GetParameters(uint[] chunkDimensions, uint typeSize, Dictionary<string, object>? options)
        => _inner.GetParameters(chunkDimensions, typeSize, options);
}
