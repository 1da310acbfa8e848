using Dcnum.Common;
using Dcnum.Read.Hdf5;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Dcnum.Read;

/// <summary>
/// An open .rtdc (HDF5) file: root attributes, <c>events/*</c> features, logs.
/// dcnum counterpart: <c>dcnum.read.hdf5_data.HDF5Data</c>.
/// Reads are chunk-wise into caller buffers; nothing loads the whole file.
/// </summary>
public sealed partial class RtdcFile : IDisposable
{
    private readonly NativeFile _file;

    private RtdcFile(string path, NativeFile file)
    {
        Path = path;
        _file = file;
    }

    /// <summary>The path the file was opened with.</summary>
    public string Path { get; }

    internal NativeFile Native => _file;

    /// <summary>Opens <paramref name="path"/> read-only; every failure becomes a one-line <see cref="DcnumException"/>.</summary>
    public static RtdcFile Open(string path)
    {
        PureHdfAot.Init();
        if (Directory.Exists(path))
            throw DcnumException.ForFile(path, "is a directory, not an .rtdc file");
        if (!File.Exists(path))
            throw DcnumException.ForFile(path, "no such file");
        string? problem;
        try
        {
            problem = Superblock.CheckComplete(path);
        }
        catch (IOException ex)
        {
            throw DcnumException.ForFile(path, $"cannot read ({ex.Message.TrimEnd('.')})", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw DcnumException.ForFile(path, "permission denied", ex);
        }
        if (problem is not null)
            throw DcnumException.ForFile(path, problem);
        NativeFile file;
        try
        {
            // PureHDF reads metadata a field at a time: through its file-handle driver every field
            // is a system call (28 000 to list a 40-frame file); a buffered stream serves them from
            // 64 KiB reads, and large chunk reads still go straight to the file. The stream driver
            // is not for concurrent reads: an RtdcFile is read by one thread at a time (the job's
            // loader holds the register's loader lock).
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.RandomAccess);
            try
            {
                file = H5File.Open(new BufferedStream(stream, 64 * 1024), leaveOpen: false);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is not DcnumException)
        {
            throw DcnumException.ForFile(path, $"not a readable HDF5 file ({ex.Message.TrimEnd('.')})", ex);
        }
        return new RtdcFile(path, file);
    }

    /// <summary>True if <c>events/NAME</c> exists in this file itself (not in a basin).</summary>
    public bool HasInnateFeature(string name)
        => _file.LinkExists("events") && _file.Group("events").LinkExists(name);

    /// <summary>The dataset <c>events/NAME</c> of this file.</summary>
    public NativeDataset InnateDataset(string name)
    {
        if (!HasInnateFeature(name) || _file.Group("events").Get(name) is not NativeDataset dataset)
            throw DcnumException.ForFile(Path, $"missing dataset events/{name}");
        return dataset;
    }

    /// <summary>The dataset at <c>GROUP/NAME</c> (e.g. <c>basin_events/image_bg</c>), or null.</summary>
    public NativeDataset? GroupDataset(string group, string name)
        => _file.LinkExists(group) && _file.Group(group).LinkExists(name) ? _file.Group(group).Get(name) as NativeDataset : null;

    public void Dispose()
    {
        foreach (RtdcFile basin in _basinFiles)
            basin.Dispose();
        _basinFiles.Clear();
        _file.Dispose();
    }

    /// <summary>Reads rows [start, start+count) of an N-dimensional dataset into <paramref name="destination"/>.</summary>
    /// <param name="cache">A chunk cache that outlives the call (see <see cref="RecentChunkCache"/>); PureHDF's per-read cache if null.</param>
    public static void ReadRows<T>(NativeDataset dataset, long start, int count, Span<T> destination, IReadingChunkCache? cache = null) where T : unmanaged
    {
        ulong[] dims = dataset.Space.Dimensions;
        var starts = new ulong[dims.Length];
        var blocks = new ulong[dims.Length];
        starts[0] = (ulong)start;
        blocks[0] = (ulong)count;
        for (int d = 1; d < dims.Length; d++)
            blocks[d] = dims[d];
        var selection = new HyperslabSelection(dims.Length, starts, blocks);
        var memoryDims = (ulong[])blocks.Clone();
        dataset.Read(new H5DatasetAccess(ChunkCache: cache), destination, fileSelection: selection, memoryDims: memoryDims);
    }
}
