using System.Runtime.InteropServices;
using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Read.Hdf5;
using PureHDF;
using PureHDF.Filters;
using PureHDF.Selections;
using PureHDF.VOL.Native;

using Dcnum.Write.Hdf5;

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
            foreach (DatasetSpool s in _order)
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
    /// <param name="cancel">Checked between chunks: an interrupted commit removes the temporary file.</param>
    public void Commit(CancellationToken cancel = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
            throw new InvalidOperationException("already committed");
        _ = EventCount; // all events features have the same length
        try
        {
            _cancel = cancel;
            Assemble();
            cancel.ThrowIfCancellationRequested();
            File.Move(TempPath, FinalPath, Options.Overwrite);
        }
        catch (OperationCanceledException)
        {
            TryDelete(TempPath);
            throw;
        }
        catch (Exception ex) when (ex is not DcnumException)
        {
            TryDelete(TempPath);
            // PureHDF calls its generic writers through reflection: say what went wrong inside.
            Exception cause = ex;
            while (cause is System.Reflection.TargetInvocationException or AggregateException && cause.InnerException is { } inner)
                cause = inner;
            if (cause is DcnumException known)
                throw known;
            throw DcnumException.ForFile(FinalPath, $"writing failed ({cause.Message.TrimEnd('.')})", cause);
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
        // The last, partial chunk of each dataset goes to the store now that the lengths are known.
        foreach (DatasetSpool spool in _order)
            spool.Finish();
        _store?.Drain();
        var file = new H5File();
        var patches = new List<(string Path, Action<ObjectHeader> Patch)>();
        foreach (var (name, value) in _attributes)
            file.Attributes[name] = value;
        // PureHDF writes bools as uint8; h5py writes an int8 enum (FALSE/TRUE), 21 bytes longer per
        // attribute: a padding attribute reserves that room in the root header and is removed.
        string[] bools = [.. _attributes.Where(kv => kv.Value is bool).Select(kv => kv.Key)];
        if (bools.Length > 0)
        {
            file.Attributes[PaddingAttribute] = new byte[32 * bools.Length];
            patches.Add(("", header => PatchBoolAttributes(header, bools)));
        }
        // "events" always exists, also in a file whose features all live in basins.
        var groups = new SortedDictionary<string, H5Group>(StringComparer.Ordinal) { ["events"] = [] };
        var datasets = new List<(DatasetSpool Spool, H5Dataset Dataset)>();
        foreach (DatasetSpool spool in _order)
        {
            if (!groups.TryGetValue(spool.Group, out H5Group? group))
                groups[spool.Group] = group = [];
            H5Dataset ds = CreateDataset(spool);
            if (spool.RowShape.Length == 2)
            {
                // dclab expects these on every image-like feature; h5py stores numpy bytes (S5, S3, S15).
                foreach (var (key, text) in ImageAttributes)
                    ds.Attributes[key] = text;
                patches.Add(($"{spool.Group}/{spool.Name}", PatchImageAttributes));
            }
            group[spool.Name] = ds;
            datasets.Add((spool, ds));
            if (spool.Rows > 0)
            {
                // Assembled as bytes (one contiguous copy per chunk for PureHDF), then given the
                // real shape, type and chunk shape; a dataset shorter than one chunk keeps dcnum's
                // chunk shape (h5py's datasets are resizable, so its chunks may exceed the data).
                ulong[] realDims = [(ulong)spool.Rows, .. spool.RowShape];
                ulong[] chunkDims = [(ulong)spool.ChunkRows, .. spool.RowShape, (ulong)spool.ElementSize];
                byte[] type = Datatype(spool.Type);
                ds.Attributes[PaddingAttribute] = new byte[type.Length + 16 * realDims.Length + 16];
                patches.Add(($"{spool.Group}/{spool.Name}", header =>
                {
                    header.Messages.RemoveAt(header.FindAttribute(PaddingAttribute));
                    Retype(header, realDims, type, chunkDims);
                }));
            }
        }
        if (_logs.Count > 0)
            groups["logs"] = StringGroup("logs", _logs, patches);
        if (_basins.Count > 0)
            groups["basins"] = StringGroup("basins", _basins, patches);
        if (_tables.Count > 0)
            groups["tables"] = TableGroup(patches);
        foreach (var (name, group) in groups)
            file[name] = group;

        using (H5NativeWriter writer = file.BeginWrite(TempPath))
        {
            foreach (var (spool, ds) in datasets)
                WriteSpool(writer, spool, ds);
        }
        using var patcher = new ObjectHeaderPatcher(TempPath);
        foreach (var (path, patch) in patches)
        {
            ObjectHeader header = patcher.Open(path);
            patch(header);
            patcher.Write(header);
        }
    }

    private const string PaddingAttribute = "dcnum-native header room";
    private static readonly (string Key, string Text)[] ImageAttributes =
        [("CLASS", "IMAGE"), ("IMAGE_VERSION", "1.2"), ("IMAGE_SUBCLASS", "IMAGE_GRAYSCALE")];

    private static void PatchImageAttributes(ObjectHeader header)
    {
        foreach (var (key, text) in ImageAttributes)
        {
            int i = header.FindAttribute(key);
            byte[] value = System.Text.Encoding.ASCII.GetBytes(text);
            header.Messages[i] = header.Messages[i] with { Body = Hdf5Encoding.ScalarAttribute(key, Hdf5Encoding.FixedString(value.Length), value) };
        }
    }

    private void PatchBoolAttributes(ObjectHeader header, string[] names)
    {
        header.Messages.RemoveAt(header.FindAttribute(PaddingAttribute));
        byte[] type = Hdf5Encoding.BoolEnum();
        foreach (string name in names)
        {
            int i = header.FindAttribute(name);
            header.Messages[i] = header.Messages[i] with { Body = Hdf5Encoding.ScalarAttribute(name, type, [(bool)_attributes[name] ? (byte)1 : (byte)0]) };
        }
    }

    /// <summary>
    /// Lines as dcnum stores logs and basin definitions: fixed-length ASCII of the longest line
    /// (numpy <c>S{max}</c>), chunked as h5py guesses, compressed. Written as the same bytes in a
    /// uint8 dataset, then given the string type by the header patcher.
    /// </summary>
    private H5Group StringGroup(string groupName, SortedDictionary<string, string[]> entries, List<(string, Action<ObjectHeader>)> patches)
    {
        var group = new H5Group();
        foreach (var (name, lines) in entries)
        {
            if (lines.Length == 0)
                continue; // dcnum skips empty logs
            byte[][] encoded = [.. lines.Select(l => System.Text.Encoding.UTF8.GetBytes(l))];
            int length = Math.Max(1, encoded.Max(e => e.Length));
            if (_stringLengths.TryGetValue($"{groupName}/{name}", out int keep))
                length = Math.Max(length, keep);
            var bytes = new byte[lines.Length * length];
            for (int i = 0; i < encoded.Length; i++)
                encoded[i].CopyTo(bytes, i * length);
            int chunkRows = (int)Math.Min(H5pyChunks.GuessRows([(ulong)lines.Length], length), (ulong)lines.Length);
            bool compress = !_uncompressed.Contains($"{groupName}/{name}");
            group[name] = new H5Dataset<byte[]>(bytes, chunks: [(uint)(chunkRows * length)], fileDims: [(ulong)bytes.Length],
                datasetCreation: new H5DatasetCreation(new SequentialChunkCache(), Filters(compress)));
            ulong rows = (ulong)lines.Length;
            patches.Add(($"{groupName}/{name}", header => Retype(header, [rows], Hdf5Encoding.FixedString(length), [(ulong)chunkRows, (ulong)length])));
        }
        return group;
    }

    /// <summary>
    /// Compound tables as dcnum copies them (h5py's chunk guess, compressed, a "software"
    /// attribute): the packed rows as a uint8 placeholder, then the compound type by the patcher.
    /// </summary>
    private H5Group TableGroup(List<(string, Action<ObjectHeader>)> patches)
    {
        var group = new H5Group();
        foreach (var (name, table) in _tables)
        {
            ulong rows = table.Dims.Length == 0 ? 1 : table.Dims.Aggregate(1UL, (p, d) => p * d);
            if (rows == 0)
                continue; // dcnum ignores empty tables
            ulong[] dims = table.Dims.Length == 0 ? [1] : table.Dims;
            // Chunks split the first dimension only, so chunk k holds the same bytes in both views.
            ulong[] chunkDims = [Math.Min(H5pyChunks.GuessRows(dims, table.RowSize), dims[0]), .. dims[1..]];
            ulong chunkElements = chunkDims.Aggregate(1UL, (p, d) => p * d);
            var ds = new H5Dataset<byte[]>(table.Bytes, chunks: [(uint)(chunkElements * (ulong)table.RowSize)], fileDims: [(ulong)table.Bytes.Length],
                datasetCreation: new H5DatasetCreation(new SequentialChunkCache(), Filters()));
            ds.Attributes["software"] = Meta.SoftwareVersion.Named;
            byte[] type = Hdf5Encoding.Compound(table.RowSize, [.. table.Members.Select(m => (m.Name, m.Offset, MemberType(m.DType)))]);
            // Room in the header for the compound type and the table's rank, removed again by the patch.
            ds.Attributes[PaddingAttribute] = new byte[type.Length + 8 * dims.Length + 16];
            group[name] = ds;
            patches.Add(($"tables/{name}", header =>
            {
                header.Messages.RemoveAt(header.FindAttribute(PaddingAttribute));
                Retype(header, dims, type, [.. chunkDims, (ulong)table.RowSize]);
            }));
        }
        return group;

        static byte[] MemberType(string dtype) => dtype switch
        {
            "float64" => Hdf5Encoding.Float(8),
            "float32" => Hdf5Encoding.Float(4),
            _ => Hdf5Encoding.Integer(int.Parse(dtype.TrimStart('u', 'i', 'n', 't'), System.Globalization.CultureInfo.InvariantCulture) / 8, dtype[0] == 'i'),
        };
    }

    /// <summary>Gives a placeholder uint8 dataset its real shape and type; the chunks keep their bytes.</summary>
    private static void Retype(ObjectHeader header, ulong[] dims, byte[] datatype, ulong[] chunkDims)
    {
        int space = header.Find(ObjectHeaderPatcher.Dataspace), type = header.Find(ObjectHeaderPatcher.Datatype), layout = header.Find(ObjectHeaderPatcher.Layout);
        header.Messages[space] = header.Messages[space] with { Body = Hdf5Encoding.Dataspace(dims) };
        header.Messages[type] = header.Messages[type] with { Body = datatype };
        header.Messages[layout] = header.Messages[layout] with { Body = Hdf5Encoding.RechunkedLayout(header.Messages[layout].Body, chunkDims) };
    }

    private List<H5Filter> Filters(bool compress = true)
    {
        var filters = new List<H5Filter>();
        if (compress && Options.ZstdLevel > 0)
            filters.Add(new H5Filter(ZstdFilter.Id, new Dictionary<string, object> { ["level"] = Options.ZstdLevel }));
        filters.Add(new H5Filter(Fletcher32Filter.Id));
        return filters;
    }

    private H5Dataset CreateDataset(DatasetSpool s)
    {
        if (s.Rows == 0)
        {
            // HDF5 chunks cannot be empty; an empty feature is a contiguous, unfiltered dataset.
            ulong[] dims = [0, .. s.RowShape];
            return s.Type switch
            {
                ElementType.UInt8 => new H5Dataset<byte[]>(dims, NoChunks, default(H5DatasetCreation)),
                ElementType.Int8 => new H5Dataset<sbyte[]>(dims, NoChunks, default(H5DatasetCreation)),
                ElementType.UInt16 => new H5Dataset<ushort[]>(dims, NoChunks, default(H5DatasetCreation)),
                ElementType.Int16 => new H5Dataset<short[]>(dims, NoChunks, default(H5DatasetCreation)),
                ElementType.UInt32 => new H5Dataset<uint[]>(dims, NoChunks, default(H5DatasetCreation)),
                ElementType.Int32 => new H5Dataset<int[]>(dims, NoChunks, default(H5DatasetCreation)),
                ElementType.UInt64 => new H5Dataset<ulong[]>(dims, NoChunks, default(H5DatasetCreation)),
                ElementType.Int64 => new H5Dataset<long[]>(dims, NoChunks, default(H5DatasetCreation)),
                ElementType.Float32 => new H5Dataset<float[]>(dims, NoChunks, default(H5DatasetCreation)),
                _ => new H5Dataset<double[]>(dims, NoChunks, default(H5DatasetCreation)),
            };
        }
        // One chunk at least (a shorter dataset gets its length from the patcher).
        ulong bytes = (ulong)Math.Max(s.Rows, s.ChunkRows) * (ulong)s.RowBytes;
        // Compressed chunks are replayed from the store; uncompressed ones are written as data.
        IWritingChunkCache cache = Options.ZstdLevel > 0 ? new ReplayChunkCache(s, _store!) : new SequentialChunkCache();
        return new H5Dataset<byte[]>(fileDims: [bytes], chunks: [(uint)(s.ChunkRows * s.RowBytes)], datasetCreation: new H5DatasetCreation(cache, Filters()));
    }

    private static readonly uint[]? NoChunks = null;

    /// <summary>An uncompressed stored chunk (a full chunk, padded) into the rows of <paramref name="slice"/>.</summary>
    private void ReadRaw(StoredChunk chunk, byte[] slice)
    {
        if (slice.Length == chunk.Length)
        {
            _store!.Read(chunk, slice);
            return;
        }
        var whole = new byte[chunk.Length];
        _store!.Read(chunk, whole);
        whole.AsSpan(0, slice.Length).CopyTo(slice);
    }

    /// <summary>The HDF5 datatype of an element type, as h5py writes numpy's little-endian dtypes.</summary>
    private static byte[] Datatype(ElementType type) => type switch
    {
        ElementType.Float64 => Hdf5Encoding.Float(8),
        ElementType.Float32 => Hdf5Encoding.Float(4),
        _ => Hdf5Encoding.Integer(DatasetSpool.SizeOf(type), type is ElementType.Int8 or ElementType.Int16 or ElementType.Int32 or ElementType.Int64),
    };

    private CancellationToken _cancel;

    /// <summary>
    /// One PureHDF write per chunk, in order, as bytes. Compressed: PureHDF only needs to be told
    /// that the chunk exists (one byte written into it); the replay cache then hands the stored
    /// bytes to the filter pipeline. Uncompressed: the stored raw chunk is the data.
    /// </summary>
    private void WriteSpool(H5NativeWriter writer, DatasetSpool s, H5Dataset ds)
    {
        _cancel.ThrowIfCancellationRequested();
        if (s.Rows == 0)
            return;
        var dataset = (H5Dataset<byte[]>)ds;
        int chunkBytes = s.ChunkRows * s.RowBytes;
        bool replay = Options.ZstdLevel > 0;
        byte[] buffer = replay ? new byte[1] : new byte[chunkBytes];
        for (int k = 0; k < s.Chunks.Count; k++)
        {
            _cancel.ThrowIfCancellationRequested();
            long start = (long)k * s.ChunkRows;
            int n = (int)Math.Min(s.ChunkRows, s.Rows - start);
            byte[] slice = replay || n == s.ChunkRows ? buffer : new byte[n * s.RowBytes];
            if (!replay)
                ReadRaw(s.Chunks[k], slice);
            writer.Write(dataset, slice, fileSelection: new HyperslabSelection((ulong)(start * s.RowBytes), (ulong)slice.Length));
        }
    }
}
