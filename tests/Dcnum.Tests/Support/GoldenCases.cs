using System.Globalization;
using System.Text.Json;

namespace Dcnum.Tests.Support;

/// <summary>
/// One golden case of <c>../shared/golden</c>: dcnum's output <see cref="GoldenFile"/> of
/// <see cref="InputFile"/> under one configuration, described by its <c>*.json</c> (input, frames,
/// events, PPID). The command-line arguments that reproduce it are derived from the PPID and the
/// configuration's name (tap configurations link, the others drain); <c>GoldenCasesTest</c> checks
/// that they give the golden's PPID.
/// </summary>
public sealed record GoldenCase(string Input, string Config, string Ppid, long Frames, long Events)
{
    /// <summary><c>&lt;input&gt;__&lt;config&gt;</c>, the stem of the golden's files.</summary>
    public string Name => $"{Input}__{Config}";

    public string GoldenFile => $"{Name}_dcn.rtdc";

    public string InputFile => $"{Input}.rtdc";

    private string[] PpidParts => Ppid.Split('|');

    /// <summary>The background method (sparsemed, rollmed, copy).</summary>
    public string Background => PpidParts[2].Split(':')[0];

    /// <summary>The segmenter's code (thresh, or an ML segmenter).</summary>
    public string Segmenter => PpidParts[3].Split(':')[0];

    /// <summary>The threshold segmenter's <c>thresh</c>.</summary>
    public double Thresh => double.Parse(Kwarg(PpidParts[3].Split(':')[1], "t") ?? "-6", CultureInfo.InvariantCulture);

    /// <summary>sparsemed's offset correction (<c>o=1</c>).</summary>
    public bool OffsetCorrection => Background == "sparsemed" && Kwarg(PpidParts[2].Split(':')[1], "o") == "1";

    /// <summary>Whether the Haralick texture features were computed (<c>h=1</c> of the feature PPID).</summary>
    public bool Haralick => Kwarg(PpidParts[4].Split(':')[1], "h") != "0";

    /// <summary>Drain copies the images into the output; tap configurations link to the input.</summary>
    public bool Drain => !Config.Contains("tap", StringComparison.Ordinal);

    /// <summary>Whether the case uses the threshold segmenter (the in-process stage tests replay its chain).</summary>
    public bool IsThreshold => Segmenter == "thresh";

    /// <summary>The model file of a torch segmenter (<c>m=</c> of the segmenter PPID), else null.</summary>
    public string? ModelFile => IsThreshold ? null : Kwarg(PpidParts[3].Split(':')[1], "m");

    /// <summary>The <c>dcnum process</c> options that reproduce the case.</summary>
    public string[] Args
    {
        get
        {
            var args = new List<string>();
            // The torch goldens were made without validation, as dcnum's library runs.
            if (!IsThreshold)
                args.AddRange(["-s", Segmenter, "-ks", "model_file=" + SharedData.Data(ModelFile!), "--skip-validation"]);
            if (Background != "sparsemed")
                args.AddRange(["-b", Background]);
            else
                args.AddRange(["-kb", OffsetCorrection ? "offset_correction=true" : "offset_correction=false"]);
            if (Thresh != -6)
                args.AddRange(["-ks", "thresh=" + Thresh.ToString(CultureInfo.InvariantCulture)]);
            if (!Haralick)
                args.AddRange(["-kf", "haralick=false"]);
            if (Drain)
                args.Add("--drain-basins");
            return [.. args];
        }
    }

    public override string ToString() => Name;

    private static string? Kwarg(string kwargs, string key)
    {
        foreach (string item in kwargs.Split('^'))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && item[..eq] == key)
                return item[(eq + 1)..];
        }
        return null;
    }
}

/// <summary>The catalogue every parity test draws from: the golden cases this program implements.</summary>
public static class GoldenCases
{
    private static readonly Lazy<GoldenCase[]> s_all = new(Load);

    /// <summary>Every golden case, implemented or not, by name.</summary>
    public static IReadOnlyList<GoldenCase> All => s_all.Value;

    /// <summary>The cases of the threshold segmenter (the stage tests replay their chain in process).</summary>
    public static IEnumerable<GoldenCase> Threshold() => All.Where(c => c.IsThreshold);

    public static GoldenCase Named(string name) => All.Single(c => c.Name == name);

    private static GoldenCase[] Load()
    {
        var cases = new List<GoldenCase>();
        foreach (string json in Directory.GetFiles(Path.Combine(SharedData.Root, "golden"), "*.json"))
        {
            string stem = Path.GetFileNameWithoutExtension(json);
            int split = stem.IndexOf("__", StringComparison.Ordinal);
            if (split < 0 || !File.Exists(Path.ChangeExtension(json, null) + "_dcn.rtdc"))
                continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            JsonElement root = doc.RootElement;
            string input = Path.GetFileNameWithoutExtension(root.GetProperty("input").GetString()!);
            if (input != stem[..split])
                throw new InvalidDataException($"{json}: input {input} does not match the file name");
            cases.Add(new GoldenCase(input, stem[(split + 2)..], root.GetProperty("ppid").GetString()!,
                root.GetProperty("frames").GetInt64(), root.GetProperty("events").GetInt64()));
        }
        return [.. cases.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }
}
