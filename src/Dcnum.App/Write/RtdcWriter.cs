using System.Runtime.InteropServices;
using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Read.Hdf5;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Dcnum.Write;

/// <summary>
/// Streams an .rtdc file: events arrive chunk by chunk, the total count is known only at the end.
/// PureHDF fixes a dataset's size when the file is defined and cannot grow it, so each dataset's
/// rows fill chunks of dcnum's size, which are compressed while events keep coming and kept in a
/// temporary file beside the output (<see cref="ChunkStore"/>); <see cref="Commit"/> assembles
/// the HDF5 file with exact sizes from the stored chunks (memory independent of the count).
/// The file is written under a temporary name and renamed only when complete; disposing without
/// committing removes every temporary file. dcnum counterpart: <c>dcnum.write.HDF5Writer</c>.
/// </summary>
public sealed partial class RtdcWriter : IDisposable
{
    private readonly Dictionary<string, DatasetSpool> _spools = new(StringComparer.Ordinal);
    private readonly List<DatasetSpool> _order = [];
    private ChunkStore? _store;
    private readonly SortedDictionary<string, object> _attributes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string[]> _logs = new(StringComparer.Ordinal);
    private readonly string _spoolPrefix;
    private bool _committed;
    private bool _disposed;

    /// <param name="finalPath">Where the finished file appears.</param>
    /// <param name="options">Compression and overwriting.</param>
    /// <param name="tempPath">The temporary name (default: <c>&lt;stem&gt;_output_&lt;host&gt;_&lt;id&gt;.rtdc~</c> beside the output).</param>
    public RtdcWriter(string finalPath, WriterOptions? options = null, string? tempPath = null)
    {
        PureHdfAot.Init(ReplayedChunk.Source);
        Options = options ?? WriterOptions.Default;
        FinalPath = Path.GetFullPath(finalPath);
        string folder = Path.GetDirectoryName(FinalPath) ?? ".";
        if (!Directory.Exists(folder))
            throw DcnumException.ForFile(FinalPath, "the output folder does not exist");
        if (File.Exists(FinalPath) && !Options.Overwrite)
            throw DcnumException.ForFile(FinalPath, "exists already (use --force to replace it)");
        string stem = Path.GetFileNameWithoutExtension(FinalPath);
        StaleRemoved = StaleTemporaries.Clean(FinalPath);
        string tag = StaleTemporaries.NewTag();
        TempPath = tempPath is null
            ? Path.Combine(folder, StaleTemporaries.OutputPrefix(stem) + tag + ".rtdc~")
            : Path.GetFullPath(tempPath);
        _spoolPrefix = Path.Combine(folder, StaleTemporaries.SpoolPrefix(stem) + tag);
        // Fail now, with the output's name, if the folder is not writable.
        try
        {
            using var probe = new FileStream(TempPath, FileMode.CreateNew, FileAccess.Write);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw DcnumException.ForFile(FinalPath, $"cannot write in {folder} ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    public WriterOptions Options { get; }
    /// <summary>Temporary files of killed earlier runs for this output, removed on opening.</summary>
    public int StaleRemoved { get; }
    public string FinalPath { get; }
    public string TempPath { get; }

    /// <summary>Appends values of a 1-D feature (double, float, long, int, uint, ulong, short, ushort, byte, sbyte).</summary>
    public void AppendScalar<T>(string name, ReadOnlySpan<T> values, string group = "events") where T : unmanaged
        => Spool<T>(group, name, []).Append(MemoryMarshal.AsBytes(values));

    /// <summary>Appends rows of any shape (<paramref name="rowShape"/> empty for a 1-D feature): a dataset copied as it is.</summary>
    public void AppendRows<T>(string group, string name, ulong[] rowShape, ReadOnlySpan<T> values) where T : unmanaged
        => Spool<T>(group, name, rowShape).Append(MemoryMarshal.AsBytes(values)); // Append refuses partial rows

    /// <summary>Appends <paramref name="count"/> uint8 images of H×W (image, image_bg, …).</summary>
    public void AppendImages(string name, ReadOnlySpan<byte> data, int count, int height, int width, string group = "events")
    {
        if (data.Length != count * height * width)
            throw new ArgumentException($"{name}: {data.Length} bytes are not {count} images of {height}×{width}");
        Spool<byte>(group, name, [(ulong)height, (ulong)width]).Append(data);
    }

    /// <summary>Appends boolean masks, stored as uint8 0/255 the way dcnum stores them.</summary>
    public void AppendMasks(string name, ReadOnlySpan<bool> masks, int count, int height, int width)
    {
        if (masks.Length != count * height * width)
            throw new ArgumentException($"{name}: {masks.Length} pixels are not {count} masks of {height}×{width}");
        DatasetSpool spool = Spool<byte>("events", name, [(ulong)height, (ulong)width]);
        ReadOnlySpan<byte> bools = MemoryMarshal.AsBytes(masks);
        int frame = height * width;
        for (int done = 0; done < count;)
        {
            Span<byte> room = spool.Room(count - done);
            MaskBytes.FromBools(bools.Slice(done * frame, room.Length), room);
            int rows = room.Length / frame;
            spool.Advance(rows);
            done += rows;
        }
    }

    /// <summary>A root attribute: string, long, double or bool.</summary>
    public void SetAttribute(string name, object value)
    {
        _attributes[name] = value switch
        {
            string or long or double or bool => value,
            int i => (long)i,
            uint u => (long)u,
            float f => (double)f,
            _ => throw new ArgumentException($"attribute '{name}': unsupported type {value.GetType().Name}"),
        };
    }

    private readonly SortedDictionary<string, RawTable> _tables = new(StringComparer.Ordinal);

    /// <summary>A compound table in <c>/tables/NAME</c>, copied as it was read (dcnum's copy_metadata).</summary>
    public void SetTable(RawTable table) => _tables[table.Name] = table;

    /// <summary>A log: one string per line in <c>/logs/NAME</c>.</summary>
    /// <param name="compress">False stores it with Fletcher32 only, as dcnum stores its job log.</param>
    /// <param name="stringLength">
    /// The fixed string length to keep (a log copied from a file that stores it as <c>S&lt;n&gt;</c>
    /// keeps its type, as h5py copies it); 0 = the longest line, as dcnum converts variable-length logs.
    /// </param>
    public void SetLog(string name, IReadOnlyList<string> lines, bool compress = true, int stringLength = 0)
    {
        _logs[name] = [.. lines];
        if (stringLength > 0)
            _stringLengths[$"logs/{name}"] = stringLength;
        else
            _stringLengths.Remove($"logs/{name}");
        if (compress)
            _uncompressed.Remove($"logs/{name}");
        else
            _uncompressed.Add($"logs/{name}");
    }

    /// <summary>Fixed string lengths to keep, by "logs/NAME".</summary>
    private readonly Dictionary<string, int> _stringLengths = new(StringComparer.Ordinal);

    /// <summary>String datasets ("logs/NAME", "basins/KEY") that dcnum writes without zstd.</summary>
    private readonly HashSet<string> _uncompressed = new(StringComparer.Ordinal);

    private DatasetSpool Spool<T>(string group, string name, ulong[] rowShape) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
            throw new InvalidOperationException("the writer has committed its file");
        string key = $"{group}/{name}";
        if (_spools.TryGetValue(key, out var spool))
        {
            if (spool.Type != DatasetSpool.TypeOf<T>() || !spool.RowShape.AsSpan().SequenceEqual(rowShape))
                throw new ArgumentException($"{key}: appended with another type or shape than before");
            return spool;
        }
        if (_store is null)
        {
            try
            {
                _store = new ChunkStore($"{_spoolPrefix}.chunks.tmp", Options.ZstdLevel, Options.Parallelism);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw DcnumException.ForFile(FinalPath, $"cannot create a spool file ({ex.Message.TrimEnd('.')})", ex);
            }
        }
        spool = new DatasetSpool(group, name, DatasetSpool.TypeOf<T>(), rowShape, _store);
        _spools[key] = spool;
        _order.Add(spool);
        return spool;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _store?.Dispose();
        if (!_committed)
            TryDelete(TempPath);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
