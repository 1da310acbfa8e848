using Dcnum.Read;

namespace Dcnum.Features.Gating;

/// <summary>
/// Box gates from the acquisition's online filters (<c>online_filter:&lt;feature&gt; min|max</c>
/// whose <c>soft limit</c> is False), plus size_x and size_y ≥ 3 pixels; bounds inclusive.
/// Applied only with <c>online_gates</c>. dcnum counterpart: <c>Gate._extract_online_gates</c>.
/// </summary>
public sealed class BoxGate
{
    private readonly (string Feature, double? Min, double? Max)[] _gates;

    private BoxGate((string, double?, double?)[] gates) => _gates = gates;

    public static BoxGate None { get; } = new([]);

    public IReadOnlyList<(string Feature, double? Min, double? Max)> Gates => _gates;

    public static BoxGate FromFile(RtdcFile file)
    {
        var bounds = new SortedDictionary<string, (double? Min, double? Max)>(StringComparer.Ordinal);
        const string prefix = "online_filter:";
        foreach (var (key, value) in file.Attributes)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
                continue;
            string name = key[prefix.Length..];
            if (name.EndsWith("polygon points", StringComparison.Ordinal))
                throw new Common.DcnumException($"{file.Path}: polygon online gates are not supported (as in dcnum)");
            if (name.EndsWith("soft limit", StringComparison.Ordinal) || name.StartsWith("target", StringComparison.Ordinal))
                continue;
            int space = name.LastIndexOf(' ');
            if (space < 0)
                continue;
            string feature = name[..space], limit = name[(space + 1)..];
            if (limit is not ("min" or "max"))
                continue;
            // dcnum: only hard limits gate (a missing "soft limit" counts as soft).
            if (!file.Attributes.TryGetValue($"{prefix}{feature} soft limit", out AttributeValue soft) || soft.Integer != 0 || soft.Kind == AttributeKind.String)
                continue;
            var b = bounds.GetValueOrDefault(feature);
            bounds[feature] = limit == "min" ? (value.Float, b.Max) : (b.Min, value.Float);
        }
        // dcnum looks up "size_x min" in its own dict (never present), so this is always 3 px.
        double px = file.PixelSize;
        bounds["size_x"] = (Math.Max(0, 3 * px), null);
        bounds["size_y"] = (Math.Max(0, 3 * px), null);
        return new BoxGate([.. bounds.Select(kv => (kv.Key, kv.Value.Min, kv.Value.Max))]);
    }

    /// <summary>Position of each gate's feature in <paramref name="featureNames"/>, −1 where absent (for <see cref="Passes(ReadOnlySpan{double}, ReadOnlySpan{int})"/>).</summary>
    public int[] IndicesIn(IReadOnlyList<string> featureNames)
    {
        var indices = new int[_gates.Length];
        for (int g = 0; g < _gates.Length; g++)
        {
            indices[g] = -1;
            for (int i = 0; i < featureNames.Count; i++)
            {
                if (featureNames[i] == _gates[g].Feature)
                {
                    indices[g] = i;
                    break;
                }
            }
        }
        return indices;
    }

    /// <summary>
    /// As <see cref="Passes(Func{string, double?})"/> for one event's feature row, with the gates'
    /// positions from <see cref="IndicesIn"/> (no lookup by name per event); absent features pass.
    /// </summary>
    public bool Passes(ReadOnlySpan<double> values, ReadOnlySpan<int> indices)
    {
        for (int g = 0; g < _gates.Length; g++)
        {
            if (indices[g] < 0)
                continue;
            double v = values[indices[g]];
            var (_, min, max) = _gates[g];
            if (min is double lo && !(v >= lo))
                return false;
            if (max is double hi && !(v <= hi))
                return false;
        }
        return true;
    }

    /// <summary>True when every gated feature present in <paramref name="valueOf"/> lies within its bounds.</summary>
    public bool Passes(Func<string, double?> valueOf)
    {
        foreach (var (feature, min, max) in _gates)
        {
            if (valueOf(feature) is not double v)
                continue;
            if (min is double lo && !(v >= lo))
                return false;
            if (max is double hi && !(v <= hi))
                return false;
        }
        return true;
    }
}
