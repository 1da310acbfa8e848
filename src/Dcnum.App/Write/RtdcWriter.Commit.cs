using System.Runtime.InteropServices;
using Dcnum.Common;
using Dcnum.Read.Hdf5;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Dcnum.Write;

// Assembly: the HDF5 file is defined with exact sizes, filled chunk by chunk from the spools,
// then renamed to its final name.
public sealed partial class RtdcWriter
{
    /// <summary>Number of events: the common length of every <c>events/*</c> feature.</summary>
    public long EventCount
    {
        get
        {
            long? n = null;
            foreach (FeatureSpool s in _order)
            {
                if (s.Group != "events")
                    continue;
                if (n is not null && n != s.Rows)
                    throw new InvalidOperationException($"events/{s.Name} has {s.Rows} rows, other features {n}");
                n = s.Rows;
            }
            return n ?? 0;
        }
    }

    /// <summary>Writes the file under its temporary name, then renames it to <see cref="FinalPath"/>.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
            throw new InvalidOperationException("already committed");
        _ = EventCount; // all events features have the same length
        try
        {
            Assemble();
            File.Move(TempPath, FinalPath, Options.Overwrite);
        }
        catch (Exception ex) when (ex is not DcnumException)
        {
            TryDelete(TempPath);
            throw DcnumException.ForFile(FinalPath, $"writing failed ({ex.Message.TrimEnd('.')})", ex);
        }
        catch
        {
            TryDelete(TempPath);
            throw;
        }
        _committed = true;
    }

    private void Assemble()
    {
        var file = new H5File();
        foreach (var (name, value) in _attributes)
            file.Attributes[name] = value;
        // "events" always exists, also in a file whose features all live in basins.
        var groups = new SortedDictionary<string, H5Group>(StringComparer.Ordinal) { ["events"] = [] };
        var datasets = new List<(FeatureSpool Spool, H5Dataset Dataset)>();
        foreach (FeatureSpool spool in _order)
        {
            if (!groups.TryGetValue(spool.Group, out H5Group? group))
                groups[spool.Group] = group = [];
            H5Dataset ds = CreateDataset(spool);
            if (spool.RowShape.Length == 2)
            {
                // dclab expects these on every image-like feature.
                ds.Attributes["CLASS"] = "IMAGE";
                ds.Attributes["IMAGE_VERSION"] = "1.2";
                ds.Attributes["IMAGE_SUBCLASS"] = "IMAGE_GRAYSCALE";
            }
            group[spool.Name] = ds;
            datasets.Add((spool, ds));
        }
        if (_logs.Count > 0)
            groups["logs"] = StringGroup(_logs);
        if (_basins.Count > 0)
            groups["basins"] = StringGroup(_basins);
        foreach (var (name, group) in groups)
            file[name] = group;

        using H5NativeWriter writer = file.BeginWrite(TempPath);
        foreach (var (spool, ds) in datasets)
            WriteSpool(writer, spool, ds);
    }

    private H5Group StringGroup(SortedDictionary<string, string[]> entries)
    {
        var group = new H5Group();
        foreach (var (name, lines) in entries)
            group[name] = lines;
        return group;
    }

    private List<H5Filter> Filters()
    {
        var filters = new List<H5Filter>();
        if (Options.ZstdLevel > 0)
            filters.Add(new H5Filter(ZstdFilter.Id, new Dictionary<string, object> { ["level"] = Options.ZstdLevel }));
        filters.Add(new H5Filter(Fletcher32Filter.Id));
        return filters;
    }

    private H5Dataset CreateDataset(FeatureSpool s)
    {
        ulong[] dims = [(ulong)s.Rows, .. s.RowShape];
        if (s.Rows == 0)
        {
            // HDF5 chunks cannot be empty; an empty feature is a contiguous, unfiltered dataset.
            return Make(null, null);
        }
        uint chunkRows = (uint)Math.Min(ChunkRule.Rows(s.RowBytes), s.Rows);
        uint[] chunks = [chunkRows, .. s.RowShape.Select(d => (uint)d)];
        IWritingChunkCache cache = Options.ZstdLevel > 0 ? new ParallelCompressionChunkCache(Options.ZstdLevel) : new SequentialChunkCache();
        return Make(chunks, new H5DatasetCreation(cache, Filters()));

        H5Dataset Make(uint[]? c, H5DatasetCreation? creation) => s.Type switch
        {
            ElementType.UInt8 => new H5Dataset<byte[]>(dims, c, creation ?? default),
            ElementType.Int8 => new H5Dataset<sbyte[]>(dims, c, creation ?? default),
            ElementType.UInt16 => new H5Dataset<ushort[]>(dims, c, creation ?? default),
            ElementType.Int16 => new H5Dataset<short[]>(dims, c, creation ?? default),
            ElementType.UInt32 => new H5Dataset<uint[]>(dims, c, creation ?? default),
            ElementType.Int32 => new H5Dataset<int[]>(dims, c, creation ?? default),
            ElementType.UInt64 => new H5Dataset<ulong[]>(dims, c, creation ?? default),
            ElementType.Int64 => new H5Dataset<long[]>(dims, c, creation ?? default),
            ElementType.Float32 => new H5Dataset<float[]>(dims, c, creation ?? default),
            _ => new H5Dataset<double[]>(dims, c, creation ?? default),
        };
    }

    private static void WriteSpool(H5NativeWriter writer, FeatureSpool s, H5Dataset ds)
    {
        switch (s.Type)
        {
            case ElementType.UInt8: WriteRows(writer, s, (H5Dataset<byte[]>)ds); break;
            case ElementType.Int8: WriteRows(writer, s, (H5Dataset<sbyte[]>)ds); break;
            case ElementType.UInt16: WriteRows(writer, s, (H5Dataset<ushort[]>)ds); break;
            case ElementType.Int16: WriteRows(writer, s, (H5Dataset<short[]>)ds); break;
            case ElementType.UInt32: WriteRows(writer, s, (H5Dataset<uint[]>)ds); break;
            case ElementType.Int32: WriteRows(writer, s, (H5Dataset<int[]>)ds); break;
            case ElementType.UInt64: WriteRows(writer, s, (H5Dataset<ulong[]>)ds); break;
            case ElementType.Int64: WriteRows(writer, s, (H5Dataset<long[]>)ds); break;
            case ElementType.Float32: WriteRows(writer, s, (H5Dataset<float[]>)ds); break;
            default: WriteRows(writer, s, (H5Dataset<double[]>)ds); break;
        }
    }

    private static void WriteRows<T>(H5NativeWriter writer, FeatureSpool s, H5Dataset<T[]> ds) where T : unmanaged
    {
        if (s.Rows == 0)
            return;
        int chunkRows = (int)Math.Min(ChunkRule.Rows(s.RowBytes), s.Rows);
        int rank = 1 + s.RowShape.Length;
        var buffer = new T[chunkRows * s.RowElements];
        for (long start = 0; start < s.Rows; start += chunkRows)
        {
            int n = (int)Math.Min(chunkRows, s.Rows - start);
            T[] slice = n == chunkRows ? buffer : new T[n * s.RowElements];
            s.ReadRows(start, n, MemoryMarshal.AsBytes(slice.AsSpan()));
            var starts = new ulong[rank];
            var blocks = new ulong[rank];
            starts[0] = (ulong)start;
            blocks[0] = (ulong)n;
            for (int d = 1; d < rank; d++)
                blocks[d] = s.RowShape[d - 1];
            writer.Write(ds, slice, fileSelection: new HyperslabSelection(rank, starts, blocks));
        }
    }
}
