using Dcnum.Common;
using Dcnum.Meta;
using PureHDF;
using PureHDF.VOL.Native;

namespace Dcnum.Read;

// Root attributes, logs, tables, basins and the list of available features.
public sealed partial class RtdcFile
{
    private SortedDictionary<string, AttributeValue>? _attributes;
    private IReadOnlyList<BasinDefinition>? _basins;

    /// <summary>Root attributes ("section:key"), sorted by name.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes
    {
        get
        {
            if (_attributes is null)
            {
                var attributes = new SortedDictionary<string, AttributeValue>(StringComparer.Ordinal);
                Guard("reading root attributes", () =>
                {
                    foreach (IH5Attribute a in _file.Attributes())
                        attributes[a.Name] = AttributeValue.Read(a);
                });
                _attributes = attributes;
            }
            return _attributes;
        }
    }

    /// <summary>The attributes of the dataset <c>GROUP/NAME</c> (e.g. a log's or a table's "software"), sorted by name.</summary>
    public IReadOnlyDictionary<string, AttributeValue> DatasetAttributes(string group, string name)
    {
        var attributes = new SortedDictionary<string, AttributeValue>(StringComparer.Ordinal);
        Guard($"reading the attributes of {group}/{name}", () =>
        {
            foreach (IH5Attribute a in _file.Group(group).Dataset(name).Attributes())
                attributes[a.Name] = AttributeValue.Read(a);
        });
        return attributes;
    }

    /// <summary>A string attribute, or null when absent or not a string.</summary>
    public string? AttributeText(string name)
        => Attributes.TryGetValue(name, out AttributeValue v) && v.Kind == AttributeKind.String ? v.Text : null;

    /// <summary>A numeric attribute, or null when absent or not a number.</summary>
    public double? AttributeNumber(string name)
        => Attributes.TryGetValue(name, out AttributeValue v) && v.Kind is AttributeKind.Float or AttributeKind.Integer or AttributeKind.Boolean ? v.Float : null;

    /// <summary><c>imaging:pixel size</c> in µm, 0 if missing (as dcnum).</summary>
    public double PixelSize => AttributeNumber("imaging:pixel size") ?? 0.0;

    /// <summary>dcnum's length: <c>experiment:event count</c>, else the length of <c>events/image</c>, else 0.</summary>
    public long EventCount
    {
        get
        {
            if (AttributeNumber("experiment:event count") is double n)
                return (long)n;
            return HasInnateFeature("image") ? (long)InnateDataset("image").Space.Dimensions[0] : 0;
        }
    }

    /// <summary>(height, width) of <c>events/image</c>, or null when the file has no images.</summary>
    public (int Height, int Width)? ImageShape
    {
        get
        {
            NativeDataset? image = HasInnateFeature("image") ? InnateDataset("image") : ResolveBasinFeature("image")?.Dataset;
            if (image is null)
                return null;
            ulong[] dims = image.Space.Dimensions;
            return dims.Length == 3 && dims[1] <= MaxFrameSide && dims[2] <= MaxFrameSide ? ((int)dims[1], (int)dims[2]) : null;
        }
    }

    /// <summary>Fails with one clear line unless the file has image data (<c>events/image</c>, innate or from a basin).</summary>
    /// <summary>The largest frame side accepted (RT-DC frames are some 100 pixels; this bounds memory per frame).</summary>
    public const int MaxFrameSide = 8192;

    /// <summary>
    /// Fails with one clear line unless the file has processable image data: <c>events/image</c>
    /// (innate or from a basin) of uint8 frames N×H×W, H and W at most <see cref="MaxFrameSide"/>.
    /// </summary>
    public void RequireImages()
    {
        NativeDataset? image = HasInnateFeature("image") ? InnateDataset("image") : ResolveBasinFeature("image")?.Dataset;
        if (image is null)
            throw DcnumException.ForFile(Path, "no image data (events/image) in the file");
        ulong[] dims = image.Space.Dimensions;
        if (dims.Length != 3)
            throw DcnumException.ForFile(Path, $"events/image has {dims.Length} dimensions; frames must be N×height×width");
        if (dims[1] == 0 || dims[2] == 0 || dims[1] > MaxFrameSide || dims[2] > MaxFrameSide)
            throw DcnumException.ForFile(Path, $"events/image frames of {dims[1]}×{dims[2]} pixels are outside the supported size (1…{MaxFrameSide} per side)");
        string dtype = FeatureInfo.DTypeOf(image);
        if (dtype != "uint8")
            throw DcnumException.ForFile(Path, $"events/image has type {dtype}; RT-DC frames are uint8");
    }

    /// <summary>
    /// Frames per processing chunk, dcnum's rule (hdf5_data.py, #5): 1000 rounded down to a multiple
    /// of the input's HDF5 chunk rows c (c itself when c ≥ 1000); 1000 for contiguous images.
    /// </summary>
    public int ImageChunkSize
    {
        get
        {
            NativeDataset? image = HasInnateFeature("image") ? InnateDataset("image") : ResolveBasinFeature("image")?.Dataset;
            if (image is null || image.Layout.Class != H5DataLayoutClass.Chunked || image.Layout.Chunks.Length == 0)
                return 1000;
            int c = (int)image.Layout.Chunks[0];
            return c >= 1000 ? c : 1000 / c * c;
        }
    }

    /// <summary>Rows per HDF5 chunk of the image data (0 when not chunked).</summary>
    public int ImageHdf5ChunkRows
    {
        get
        {
            NativeDataset? image = HasInnateFeature("image") ? InnateDataset("image") : ResolveBasinFeature("image")?.Dataset;
            return image is not null && image.Layout.Class == H5DataLayoutClass.Chunked && image.Layout.Chunks.Length > 0 ? (int)image.Layout.Chunks[0] : 0;
        }
    }

    /// <summary>
    /// The measurement identifier (dcnum/dclab <c>get_measurement_identifier</c>): the run identifier,
    /// else a UUID made from MD5("{time}_{date}_{setup identifier}"), else null.
    /// </summary>
    public string? MeasurementIdentifier
    {
        get
        {
            if (AttributeText("experiment:run identifier") is { Length: > 0 } id)
                return id;
            string? time = PythonFormat("experiment:time"), date = PythonFormat("experiment:date"), setup = PythonFormat("setup:identifier");
            if (time is null || date is null || setup is null)
                return null;
            string hex = Md5.HexOf($"{time}_{date}_{setup}");
            return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
        }
    }

    /// <summary>
    /// An attribute as dcnum's f-string shows it: h5py gives fixed-length strings as bytes, so they
    /// appear as <c>b'…'</c> (a quirk that changes identifiers). Null when absent or empty.
    /// </summary>
    private string? PythonFormat(string name)
    {
        if (!Attributes.TryGetValue(name, out AttributeValue v) || v.Kind != AttributeKind.String || string.IsNullOrEmpty(v.Text))
            return null;
        return v.IsFixedLengthString ? $"b'{v.Text}'" : v.Text;
    }

    /// <summary>Names of the datasets in a top-level group (empty if the group is missing).</summary>
    public IReadOnlyList<string> GroupMembers(string group)
    {
        var names = new List<string>();
        Guard($"listing /{group}", () =>
        {
            if (_file.LinkExists(group))
            {
                foreach (IH5Object child in _file.Group(group).Children())
                    names.Add(child.Name);
            }
        });
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>The lines of <c>logs/NAME</c> (fixed- or variable-length strings).</summary>
    public string[] ReadLog(string name) => ReadStrings("logs", name);

    /// <summary>The string length of <c>logs/NAME</c> if it is stored as fixed-length strings, else 0 (variable length).</summary>
    public int LogStringLength(string name)
    {
        int length = 0;
        Guard($"reading logs/{name}", () =>
        {
            var ds = (NativeDataset)_file.Group("logs").Dataset(name);
            if (ds.Type.Class == H5DataTypeClass.String)
                length = (int)ds.Type.Size;
        });
        return length;
    }

    /// <summary>All logs, by name (dcnum skips empty logs; so do we).</summary>
    public IReadOnlyDictionary<string, string[]> Logs
    {
        get
        {
            var logs = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
            foreach (string name in GroupMembers("logs"))
            {
                string[] lines = ReadLog(name);
                if (lines.Length > 0)
                    logs[name] = lines;
            }
            return logs;
        }
    }

    /// <summary>File and internal basins, internal first, then by name (dcnum's order); others are ignored.</summary>
    public IReadOnlyList<BasinDefinition> Basins
    {
        get
        {
            if (_basins is null)
            {
                var basins = new List<BasinDefinition>();
                foreach (string key in GroupMembers("basins"))
                {
                    BasinDefinition basin;
                    try
                    {
                        basin = BasinDefinition.Parse(key, string.Join('\n', ReadStrings("basins", key)));
                    }
                    catch (System.Text.Json.JsonException ex)
                    {
                        throw DcnumException.ForFile(Path, $"basins/{key} is not valid JSON ({ex.Message})", ex);
                    }
                    if (!basin.IsInternal && !basin.IsFile)
                        continue;
                    if (basin.Mapping is not null && !HasInnateFeature(basin.Mapping))
                        continue; // dcnum skips basins whose mapping feature is missing
                    basins.Add(basin);
                }
                basins.Sort((a, b) => a.IsInternal != b.IsInternal ? (a.IsInternal ? -1 : 1) : string.CompareOrdinal(a.Name, b.Name));
                _basins = basins;
            }
            return _basins;
        }
    }

    /// <summary>Every feature available: the innate ones first, then those only a basin provides.</summary>
    public IReadOnlyList<FeatureInfo> Features
    {
        get
        {
            var features = new List<FeatureInfo>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in GroupMembers("events"))
            {
                if (_file.Group("events").Get(name) is not NativeDataset ds)
                    continue; // e.g. the "trace" group of fluorescence data
                features.Add(new FeatureInfo(name, FeatureInfo.DTypeOf(ds), ds.Space.Dimensions, "innate"));
                seen.Add(name);
            }
            for (int i = 0; i < Basins.Count; i++)
            {
                foreach (string name in BasinFeatureNames(i))
                {
                    if (!seen.Add(name))
                        continue;
                    BasinFeature source = ResolveBasinFeature(name)!;
                    ulong[] dims = source.Dataset.Space.Dimensions.ToArray();
                    if (source.Mapping is not null && dims.Length > 0)
                        dims[0] = (ulong)source.Mapping.Length;
                    features.Add(new FeatureInfo(name, FeatureInfo.DTypeOf(source.Dataset), dims, source.Basin.Name));
                }
            }
            return features;
        }
    }

    private string[] ReadStrings(string group, string name)
    {
        string[]? lines = null;
        Guard($"reading {group}/{name}", () =>
        {
            var ds = (NativeDataset)_file.Group(group).Dataset(name);
            lines = ds.Space.Dimensions.Length == 0 ? [ds.Read<string>()] : ds.Read<string[]>();
        });
        return lines!;
    }

    /// <summary>Runs a PureHDF call and turns any failure into a one-line error naming this file.</summary>
    internal void Guard(string what, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not DcnumException)
        {
            throw DcnumException.ForFile(Path, $"{what}: {ex.Message.TrimEnd('.')}", ex);
        }
    }
}
