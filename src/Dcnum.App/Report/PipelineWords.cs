namespace Dcnum.Report;

/// <summary>
/// A pipeline identifier in words: "sparsemed:k=200^s=1^t=0^f=0.8^o=1" → "sparse median background:
/// kernel size 200, split time 1 s, …". The abbreviations are dcnum's (each stage's keyword
/// arguments, shortened in its PPID); an unknown one is shown as it stands.
/// </summary>
public static class PipelineWords
{
    private enum Kind { Number, Bool, Micrometre, Pixels, Seconds, Mapping }

    private static readonly Dictionary<string, string> s_codes = new(StringComparer.Ordinal)
    {
        ["hdf"] = "HDF5 data",
        ["sparsemed"] = "sparse median background",
        ["rollmed"] = "rolling median background",
        ["copy"] = "background copied from the input",
        ["thresh"] = "threshold segmentation",
        ["torchmpo"] = "machine-learning segmentation (torch model, worker processes)",
        ["torchsto"] = "machine-learning segmentation (torch model, one thread)",
        ["legacy"] = "legacy features",
        ["norm"] = "gate",
    };

    private static readonly Dictionary<(string Code, string Key), (string Words, Kind Kind)> s_keys = new()
    {
        [("hdf", "p")] = ("pixel size", Kind.Micrometre),
        [("hdf", "i")] = ("events", Kind.Mapping),
        [("sparsemed", "k")] = ("kernel size", Kind.Number),
        [("sparsemed", "s")] = ("split time", Kind.Seconds),
        [("sparsemed", "t")] = ("cleansing threshold", Kind.Number),
        [("sparsemed", "f")] = ("cleansing fraction", Kind.Number),
        [("sparsemed", "o")] = ("offset correction", Kind.Bool),
        [("rollmed", "k")] = ("kernel size", Kind.Number),
        [("rollmed", "b")] = ("batch size", Kind.Number),
        [("thresh", "t")] = ("threshold", Kind.Number),
        [("thresh", "cle")] = ("clear border", Kind.Bool),
        [("thresh", "f")] = ("fill holes", Kind.Bool),
        [("thresh", "clo")] = ("closing disk", Kind.Pixels),
        [("torchmpo", "m")] = ("model", Kind.Number),
        [("torchsto", "m")] = ("model", Kind.Number),
        [("legacy", "b")] = ("brightness", Kind.Bool),
        [("legacy", "h")] = ("Haralick texture", Kind.Bool),
        [("legacy", "v")] = ("volume", Kind.Bool),
        [("norm", "o")] = ("online gates", Kind.Bool),
        [("norm", "s")] = ("smallest mask", Kind.Pixels),
    };

    /// <summary>The identifier in words, or the identifier itself when it does not parse.</summary>
    public static string Describe(string ppid)
    {
        string[] parts = ppid.Split(':');
        string code = parts[0];
        if (!s_codes.TryGetValue(code, out string? name))
            return ppid;
        var words = new List<string>();
        for (int p = 1; p < parts.Length; p++)
        {
            foreach (string kv in parts[p].Split('^', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = kv.IndexOf('=');
                if (eq <= 0)
                {
                    words.Add(kv);
                    continue;
                }
                string key = kv[..eq], value = kv[(eq + 1)..];
                // Every segmenter takes the mask post-processing options under thresh's abbreviations.
                bool found = s_keys.TryGetValue((code, key), out var known)
                    || (code.StartsWith("torch", StringComparison.Ordinal) && s_keys.TryGetValue(("thresh", key), out known) && key != "t");
                words.Add(found ? Word(known.Words, known.Kind, value) : kv);
            }
        }
        return words.Count == 0 ? name : $"{name}: {string.Join(", ", words)}";
    }

    private static string Word(string words, Kind kind, string value) => kind switch
    {
        Kind.Bool => $"{words} {(value is "1" or "True" or "true" ? "on" : value is "0" or "False" or "false" ? "off" : value)}",
        Kind.Micrometre => $"{words} {value} µm",
        Kind.Pixels => $"{words} {value} px",
        Kind.Seconds => $"{words} {value} s",
        Kind.Mapping => value == "0" ? "all events" : value.Contains('-') ? $"events {value.Replace('-', ':')} (slice)" : $"first {value} events",
        _ => $"{words} {value}",
    };
}
