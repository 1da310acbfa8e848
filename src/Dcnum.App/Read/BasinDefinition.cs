using System.Text.Json;

namespace Dcnum.Read;

/// <summary>
/// One entry of <c>/basins</c>: a JSON object stored as lines of a string dataset whose name is the
/// MD5 of the JSON text. dcnum reads only <c>file</c> and <c>internal</c> basins.
/// dcnum counterpart: <c>HDF5Data.extract_basin_dicts</c>.
/// </summary>
public sealed record BasinDefinition(
    string Key,
    string Name,
    string Type,
    string Format,
    IReadOnlyList<string> Paths,
    IReadOnlyList<string>? Features,
    string? Mapping,
    string? Identifier,
    string? Description)
{
    public bool IsInternal => Type == "internal";
    public bool IsFile => Type == "file";

    /// <summary>Parses the JSON text of a basin dataset.</summary>
    public static BasinDefinition Parse(string key, string json)
    {
        using var doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        return new BasinDefinition(
            key,
            Text(root, "name") ?? key,
            Text(root, "type") ?? "",
            Text(root, "format") ?? "",
            List(root, "paths") ?? List(root, "urls") ?? [],
            List(root, "features"),
            Text(root, "mapping") is { } m && m != "same" ? m : null,
            Text(root, "identifier"),
            Text(root, "description"));
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static string[]? List(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement e) || e.ValueKind != JsonValueKind.Array)
            return null;
        var items = new List<string>();
        foreach (JsonElement item in e.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
                items.Add(item.GetString()!);
        }
        return [.. items];
    }
}
