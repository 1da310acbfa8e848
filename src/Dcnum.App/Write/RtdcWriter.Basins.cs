using Dcnum.Meta;

namespace Dcnum.Write;

// Basins: JSON definitions in /basins/<md5 of the JSON text>, one line per row.
// dcnum counterpart: HDF5Writer.store_basin (key order: description, name, format, paths, type,
// [identifier], [features], [mapping]; json.dumps indent=2).
public sealed partial class RtdcWriter
{
    private readonly SortedDictionary<string, string[]> _basins = new(StringComparer.Ordinal);

    /// <summary>
    /// Stores a file basin (another .rtdc providing <paramref name="features"/>, or all when null).
    /// <paramref name="mappingFeature"/> names the events feature (basinmapN) that maps our events
    /// to the basin's rows; the caller appends that feature. Returns the basin key.
    /// </summary>
    public string StoreFileBasin(string name, IReadOnlyList<string> paths, IReadOnlyList<string>? features,
        string? identifier, string? description = null, string? mappingFeature = null)
    {
        var json = new List<KeyValuePair<string, object?>>
        {
            new("description", description),
            new("name", name),
            new("format", "hdf5"),
            new("paths", paths),
            new("type", "file"),
            new("identifier", identifier),
        };
        if (features is not null)
            json.Add(new("features", features));
        if (mappingFeature is not null)
            json.Add(new("mapping", mappingFeature));
        string key = StoreBasinJson(json);
        _uncompressed.Add($"basins/{key}"); // dcnum writes file basins with Fletcher32 only
        return key;
    }

    /// <summary>
    /// Stores an internal basin whose data the caller appends to <c>basin_events/FEATURE</c>
    /// (e.g. the unique background images), mapped through <paramref name="mappingFeature"/>.
    /// </summary>
    public string StoreInternalBasin(string name, IReadOnlyList<string> features, string? description = null, string? mappingFeature = null)
    {
        var sorted = features.Order(StringComparer.Ordinal).ToArray();
        var json = new List<KeyValuePair<string, object?>>
        {
            new("description", description),
            new("name", name),
            new("format", "h5dataset"),
            new("paths", new[] { "basin_events" }),
            new("type", "internal"),
            new("features", sorted),
        };
        if (mappingFeature is not null)
            json.Add(new("mapping", mappingFeature));
        return StoreBasinJson(json);
    }

    private string StoreBasinJson(List<KeyValuePair<string, object?>> json)
    {
        string text = PythonJson.Dumps(json);
        string key = Md5.HexOf(text);
        _basins[key] = text.Split('\n');
        return key;
    }
}
