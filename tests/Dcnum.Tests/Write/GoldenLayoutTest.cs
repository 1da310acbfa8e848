using System.Text.Json;
using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Write;

/// <summary>
/// The storage layout of our output next to dcnum's, read by libhdf5 (h5py): every dataset of the
/// golden exists in ours with the same dtype, the same chunk shape and the same filters (zstd
/// level, Fletcher32). <c>dcnum compare</c> checks values; this checks how they are stored.
/// Logs are matched by name up to their time stamp (their shapes follow their lines), basins by
/// type and features (a file basin's key depends on the absolute paths in it).
/// </summary>
public class GoldenLayoutTest
{
    private const string Script = """
import h5py, json, re, sys
def layout(path):
    out = {}
    def visit(name, obj):
        if not isinstance(obj, h5py.Dataset):
            return
        key = re.sub(r"^(logs/dcnum-(job|log))-.*$", r"\1", name)
        if name.startswith("basins/"):
            # A file basin's key is the MD5 of its JSON, which holds absolute paths: key by content.
            basin = json.loads("\n".join(x.decode() if isinstance(x, bytes) else x for x in obj[...]))
            key = "basins/" + basin["type"] + ":" + ",".join(basin.get("features") or [])
        plist = obj.id.get_create_plist()
        filters = [[int(plist.get_filter(i)[0]), [int(v) for v in plist.get_filter(i)[2]]] for i in range(plist.get_nfilters())]
        longest = None
        if obj.dtype.kind == "S" and obj.ndim == 1:
            longest = max((len(x) for x in obj[...]), default=0)
        out[key] = {"dtype": obj.dtype.str, "chunks": list(obj.chunks) if obj.chunks else None,
                    "shape": list(obj.shape), "filters": filters, "longest": longest}
    with h5py.File(path, "r") as f:
        f.visititems(visit)
    return out
print(json.dumps({"golden": layout(sys.argv[1]), "ours": layout(sys.argv[2])}))
""";

    public static IEnumerable<GoldenCase> Cases() => GoldenCases.Threshold();

    [Test]
    [MethodDataSource(nameof(Cases))]
    public async Task Process_DatasetsAreChunkedAndFilteredLikeDcnum(GoldenCase golden)
    {
        using var temp = new TempDirectory("dcnum-layout-");
        string output = Path.Combine(temp.Path, "out_dcn.rtdc");
        int rc = CommandLine.Run(["process", SharedData.Data(golden.InputFile), output, .. golden.Args, "--progress", "none"],
            new StringWriter(), new StringWriter());
        await Assert.That(rc).IsEqualTo(0);
        string script = Path.Combine(temp.Path, "layout.py");
        await File.WriteAllTextAsync(script, Script);
        var r = await DcnumBinary.RunAsync("bash", [SharedData.Tool("h5-interop.sh"), "python3", script,
            SharedData.Golden(golden.GoldenFile), output], TimeSpan.FromMinutes(5));
        await Assert.That(r.StdErr.Contains("Traceback")).IsFalse();
        await Assert.That(r.ExitCode).IsEqualTo(0);
        using var doc = JsonDocument.Parse(r.StdOut);
        JsonElement reference = doc.RootElement.GetProperty("golden"), ours = doc.RootElement.GetProperty("ours");
        var differences = new List<string>();
        foreach (JsonProperty g in reference.EnumerateObject())
        {
            if (!ours.TryGetProperty(g.Name, out JsonElement o))
            {
                differences.Add($"{g.Name}: missing");
                continue;
            }
            foreach (string what in new[] { "dtype", "chunks", "filters", "shape" })
            {
                bool lines = g.Name.StartsWith("logs/", StringComparison.Ordinal) || g.Name.StartsWith("basins/", StringComparison.Ordinal);
                // Log and basin lines are fixed-length strings: their length and count follow the text.
                if (lines && what is "dtype" or "chunks" or "shape" && g.Name.StartsWith("logs/dcnum-", StringComparison.Ordinal))
                    continue;
                string a = g.Value.GetProperty(what).GetRawText(), b = o.GetProperty(what).GetRawText();
                if (what == "dtype" && g.Name.StartsWith("basins/", StringComparison.Ordinal))
                {
                    // A basin's lines hold the absolute input path, so their length follows where the
                    // files lie: both sides must follow dcnum's rule (the longest line), not one number.
                    (a, b) = (StringRule(g.Name, "dcnum", g.Value, differences), StringRule(g.Name, "ours", o, differences));
                }
                if (a != b)
                    differences.Add($"{g.Name} {what}: dcnum {a}, ours {b}");
            }
        }
        await Assert.That(string.Join("\n", differences)).IsEqualTo("");
    }

    /// <summary>
    /// A line dataset's dtype with its length checked against the longest stored line and then
    /// left out: "|S" plus that length is what dcnum writes.
    /// </summary>
    private static string StringRule(string name, string side, JsonElement layout, List<string> differences)
    {
        string dtype = layout.GetProperty("dtype").GetString()!;
        if (!dtype.StartsWith("|S", StringComparison.Ordinal))
            return dtype;
        JsonElement longest = layout.GetProperty("longest");
        if (longest.ValueKind == JsonValueKind.Number && dtype != $"|S{Math.Max(1, longest.GetInt32())}")
            differences.Add($"{name} dtype: {side} {dtype} for a longest line of {longest.GetInt32()} bytes");
        return "|S<longest line>";
    }
}
