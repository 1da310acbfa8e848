using Dcnum.Common;
using Dcnum.Labels;
using Dcnum.Segmentation;

namespace Dcnum.Tests.Segmentation;

/// <summary>
/// dcnum's inverse of the segmenter PPID, for the round-trip tests of <see cref="ThresholdSegmenter.Ppid"/>
/// (the product never reads a PPID back: the redo logic compares PPIDs as strings).
/// </summary>
internal static class SegmenterPpid
{
    /// <summary>
    /// Settings from a segmenter PPID such as <c>thresh:t=-3:cle=0^f=1^clo=3</c>.
    /// dcnum counterpart: <c>Segmenter.get_ppkw_from_ppid</c> / <c>ppid_to_kwargs</c> (longest
    /// abbreviations first, each matched to the first unused kwarg name it prefixes).
    /// </summary>
    public static (SegmenterSettings Segmenter, MaskSettings Mask) Parse(string segmenterPpid)
    {
        string[] parts = segmenterPpid.Split(':');
        if (parts.Length != 3 || (parts[0] != ThresholdSegmenter.Code && !SegmenterSettings.TorchCodes.Contains(parts[0])))
            throw new UsageException($"segmenter PPID '{segmenterPpid}': expected '<code>:<kwargs>:<mask kwargs>' with code thresh, torchmpo, torchsto or torchuni");
        bool torch = parts[0] != ThresholdSegmenter.Code;
        var items = new List<string>();
        foreach (string full in MatchAbbreviations(parts[1], torch ? SegmenterSettings.TorchKwargNames : SegmenterSettings.KwargNames, segmenterPpid))
            items.Add(full);
        foreach (string full in MatchAbbreviations(parts[2], MaskSettings.KwargNames, segmenterPpid))
            items.Add(full);
        return SegmenterKwargs.Parse(items, parts[0]);
    }

    private static List<string> MatchAbbreviations(string kwargs, IReadOnlyList<string> names, string ppid)
    {
        var result = new List<string>();
        if (kwargs.Length == 0)
            return result;
        var entries = new List<(string Abbr, string Value)>();
        foreach (string item in kwargs.Split('^'))
        {
            string[] kv = item.Split('=');
            if (kv.Length != 2)
                throw new UsageException($"segmenter PPID '{ppid}': '{item}' is not ABBR=VALUE");
            entries.Add((kv[0], kv[1]));
        }
        // dcnum: sorted(entries, key=lambda x: -len(x[0])) (stable)
        var ordered = entries.OrderByDescending(e => e.Abbr.Length).ToList();
        var used = new HashSet<string>();
        foreach ((string abbr, string value) in ordered)
        {
            string? match = null;
            foreach (string name in names)
            {
                if (!used.Contains(name) && name.StartsWith(abbr, StringComparison.Ordinal))
                {
                    match = name;
                    break;
                }
            }
            if (match is null)
                throw new UsageException($"segmenter PPID '{ppid}': unknown abbreviated key '{abbr}'");
            used.Add(match);
            result.Add(match + "=" + value);
        }
        return result;
    }
}
