using Dcnum.Common;
using Dcnum.Read.Hdf5;
using PureHDF;
using PureHDF.VOL.Native;

namespace Dcnum.Read;

/// <summary>Where a basin feature's data is: the dataset, and the mapping to our events if mapped.</summary>
public sealed record BasinFeature(BasinDefinition Basin, NativeDataset Dataset, long[]? Mapping);

// Features that live in basins: file basins (another .rtdc), internal basins (/basin_events),
// mapped basins (events/basinmapN gives, per event, the row in the basin).
// dcnum counterpart: HDF5Data.get_basin_data, _get_basin_data_file, _get_basin_data_internal.
public sealed partial class RtdcFile
{
    private readonly Dictionary<int, (NativeGroup? Group, IReadOnlyList<string> Features, long[]? Mapping)> _basinData = [];
    private readonly List<RtdcFile> _basinFiles = [];

    /// <summary>True if the feature is in <c>events/</c> or in one of the basins.</summary>
    public bool HasFeature(string name) => HasInnateFeature(name) || ResolveBasinFeature(name) is not null;

    /// <summary>The first basin (dcnum's order) that provides <paramref name="name"/>, or null.</summary>
    public BasinFeature? ResolveBasinFeature(string name)
    {
        for (int i = 0; i < Basins.Count; i++)
        {
            var (group, features, mapping) = BasinData(i);
            if (group is not null && features.Contains(name) && group.LinkExists(name))
                return new BasinFeature(Basins[i], (NativeDataset)group.Dataset(name), mapping);
        }
        return null;
    }

    /// <summary>The features basin <paramref name="index"/> provides (empty when its file is missing).</summary>
    public IReadOnlyList<string> BasinFeatureNames(int index) => BasinData(index).Features;

    /// <summary>
    /// Reads rows [start, start+count) of a feature, innate or from a basin (mapped basins are
    /// indexed through their basinmap), into <paramref name="destination"/>.
    /// </summary>
    public void ReadFeatureRows<T>(string name, long start, int count, Span<T> destination) where T : unmanaged
    {
        if (count == 0)
            return;
        if (HasInnateFeature(name))
        {
            NativeDataset ds = InnateDataset(name);
            ReadRowsChecked(ds, name, start, count, destination);
            return;
        }
        BasinFeature source = ResolveBasinFeature(name) ?? throw DcnumException.ForFile(Path, $"no feature '{name}' in events/ or any basin");
        if (source.Mapping is null)
        {
            ReadRowsChecked(source.Dataset, name, start, count, destination);
            return;
        }
        int rowSize = destination.Length / count;
        long[] map = source.Mapping;
        if (start < 0 || start + count > map.Length)
            throw DcnumException.ForFile(Path, $"rows {start}..{start + count} of '{name}' are outside its {map.Length} events");
        // Read runs of consecutive basin rows at once (mapped images usually repeat or advance by one).
        int i = 0;
        while (i < count)
        {
            long first = map[start + i];
            int run = 1;
            while (i + run < count && map[start + i + run] == first + run)
                run++;
            ReadRowsChecked(source.Dataset, name, first, run, destination.Slice(i * rowSize, run * rowSize));
            i += run;
        }
    }

    /// <summary>A whole 1-D feature (innate or basin) as float64, whatever its stored numeric type.</summary>
    public double[] ReadScalar(string name)
    {
        long n = FeatureLength(name);
        var values = new double[n];
        NativeDataset ds = HasInnateFeature(name) ? InnateDataset(name) : ResolveBasinFeature(name)!.Dataset;
        string dtype = FeatureInfo.DTypeOf(ds);
        switch (dtype)
        {
            case "float64": ReadFeatureRows<double>(name, 0, (int)n, values); break;
            case "float32": Convert<float>(v => v); break;
            case "int64": Convert<long>(v => v); break;
            case "uint64": Convert<ulong>(v => v); break;
            case "int32": Convert<int>(v => v); break;
            case "uint32": Convert<uint>(v => v); break;
            case "int16": Convert<short>(v => v); break;
            case "uint16": Convert<ushort>(v => v); break;
            case "int8": Convert<sbyte>(v => v); break;
            case "uint8" or "bool": Convert<byte>(v => v); break;
            default: throw DcnumException.ForFile(Path, $"feature '{name}' has type {dtype}, not a number");
        }
        return values;

        void Convert<T>(Func<T, double> cast) where T : unmanaged
        {
            var raw = new T[n];
            ReadFeatureRows<T>(name, 0, (int)n, raw);
            for (long i = 0; i < n; i++)
                values[i] = cast(raw[i]);
        }
    }

    /// <summary>A whole 1-D integer feature (e.g. basinmapN, frame) as int64.</summary>
    public long[] ReadInt64(string name)
    {
        double[] asDouble = ReadScalar(name);
        var values = new long[asDouble.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = (long)asDouble[i];
        return values;
    }

    /// <summary>Number of rows of a feature as our events see it (mapped basins: the mapping's length).</summary>
    public long FeatureLength(string name)
    {
        if (HasInnateFeature(name))
            return (long)InnateDataset(name).Space.Dimensions[0];
        BasinFeature source = ResolveBasinFeature(name) ?? throw DcnumException.ForFile(Path, $"no feature '{name}' in events/ or any basin");
        return source.Mapping?.Length ?? (long)source.Dataset.Space.Dimensions[0];
    }

    /// <summary>One chunk cache per feature read through <see cref="ReadRowsChecked"/> (a name always reads the same dataset), for as long as the file is open.</summary>
    private readonly Dictionary<string, RecentChunkCache> _chunkCaches = new(StringComparer.Ordinal);

    private void ReadRowsChecked<T>(NativeDataset ds, string name, long start, int count, Span<T> destination) where T : unmanaged
    {
        ulong rows = ds.Space.Dimensions.Length > 0 ? ds.Space.Dimensions[0] : 0;
        if (start < 0 || (ulong)(start + count) > rows)
            throw DcnumException.ForFile(Path, $"rows {start}..{start + count} of '{name}' are outside its {rows} rows");
        try
        {
            RecentChunkCache cache;
            lock (_chunkCaches)
            {
                if (!_chunkCaches.TryGetValue(name, out cache!))
                    _chunkCaches[name] = cache = new RecentChunkCache();
            }
            ReadRows(ds, start, count, destination, cache);
        }
        catch (Exception ex) when (FindChecksumMismatch(ex) is { } mismatch)
        {
            ulong chunkRows = ds.Layout.Class == H5DataLayoutClass.Chunked && ds.Layout.Chunks.Length > 0 ? ds.Layout.Chunks[0] : 0;
            string chunks = chunkRows == 0 ? "" : $", chunk {(ulong)start / chunkRows}..{(ulong)(start + count - 1) / chunkRows} of {chunkRows} rows";
            throw DcnumException.ForFile(Path, $"dataset '{name}' rows {start}..{start + count}{chunks}: {mismatch.Message}", ex);
        }
        catch (Exception ex) when (ex is not DcnumException)
        {
            throw DcnumException.ForFile(Path, $"reading '{name}' rows {start}..{start + count}: {ex.Message.TrimEnd('.')}", ex);
        }
    }

    private static Hdf5.ChecksumMismatchException? FindChecksumMismatch(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is Hdf5.ChecksumMismatchException mismatch)
                return mismatch;
        }
        return null;
    }

    private (NativeGroup? Group, IReadOnlyList<string> Features, long[]? Mapping) BasinData(int index)
    {
        if (_basinData.TryGetValue(index, out var data))
            return data;
        BasinDefinition basin = Basins[index];
        NativeGroup? group = null;
        IReadOnlyList<string> features = [];
        if (basin.IsInternal)
        {
            string groupName = basin.Paths.Count > 0 ? basin.Paths[0] : "basin_events";
            if (basin.Features is null)
                throw DcnumException.ForFile(Path, $"internal basin '{basin.Name}' does not list its features");
            if (_file.LinkExists(groupName))
            {
                group = (NativeGroup)_file.Group(groupName);
                features = basin.Features;
            }
        }
        else if (FindBasinFile(basin) is string basinPath)
        {
            RtdcFile other = Open(basinPath);
            _basinFiles.Add(other);
            if (basin.Identifier is { } expected && other.MeasurementIdentifier != expected)
            {
                throw DcnumException.ForFile(Path,
                    $"basin '{basinPath}' has identifier '{other.MeasurementIdentifier}', expected '{expected}'");
            }
            if (other._file.LinkExists("events"))
            {
                group = (NativeGroup)other._file.Group("events");
                features = basin.Features ?? other.GroupMembers("events");
            }
        }
        long[]? mapping = basin.Mapping is { } m ? ReadInt64(m) : null;
        data = (group, features, mapping);
        _basinData[index] = data;
        return data;
    }

    /// <summary>The file a file basin resolves to (dcnum's rule, see <see cref="FindBasinFile"/>), or null when none exists.</summary>
    public string? LocateBasinFile(BasinDefinition basin) => basin.IsFile ? FindBasinFile(basin) : null;

    /// <summary>dcnum's rule: the first absolute path that exists, else the path relative to this file's folder.</summary>
    private string? FindBasinFile(BasinDefinition basin)
    {
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";
        foreach (string p in basin.Paths)
        {
            if (System.IO.Path.IsPathRooted(p))
            {
                if (File.Exists(p))
                    return p;
                continue;
            }
            string relative = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, p));
            if (File.Exists(relative))
                return relative;
        }
        return null;
    }
}
