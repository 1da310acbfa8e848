using System.Globalization;
using System.Text.RegularExpressions;
using Dcnum.Read;

namespace Dcnum.Compare;

/// <summary>
/// Decides whether a candidate .rtdc is the same output as a reference (reference.md, "same output"):
/// identical event count and order; masks, images and integer features exact; float features within
/// a <see cref="Tolerance"/>; identical root attributes (PPID, hash and run identifier included);
/// identical layout (datasets, dtypes, shapes, basins, log names up to the time stamp); the same
/// attribute types (root, logs, tables) and attributes of logs and tables.
/// Datasets are read in row blocks, never whole.
/// </summary>
public static partial class RtdcComparer
{
    private const int BlockBytes = 8 << 20;

    [GeneratedRegex(@"^(dcnum-(?:job|log))-\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}$")]
    private static partial Regex StampedLog();

    public static ComparisonReport Compare(RtdcFile reference, RtdcFile candidate, Tolerance tolerance)
    {
        var diffs = new List<Difference>();
        long events = reference.EventCount;
        if (candidate.EventCount != events)
            diffs.Add(new("events", "count", $"reference has {events} events, candidate {candidate.EventCount}"));

        int features = 0;
        foreach (string group in new[] { "events", "basin_events" })
            features += CompareGroup(group, reference, candidate, tolerance, diffs);
        int attributes = CompareAttributes(reference, candidate, diffs);
        int basins = CompareBasins(reference, candidate, diffs);
        int logs = CompareLogs(reference, candidate, diffs);
        CompareTables(reference, candidate, diffs);
        return new ComparisonReport(reference.Path, candidate.Path, events, features, attributes, basins, logs, diffs);
    }

    private static int CompareGroup(string group, RtdcFile reference, RtdcFile candidate, Tolerance tolerance, List<Difference> diffs)
    {
        var refNames = reference.GroupMembers(group);
        var candNames = candidate.GroupMembers(group);
        foreach (string name in refNames.Except(candNames))
            diffs.Add(new("layout", $"{group}/{name}", "missing in the candidate"));
        foreach (string name in candNames.Except(refNames))
            diffs.Add(new("layout", $"{group}/{name}", "not in the reference"));
        int compared = 0;
        foreach (string name in refNames.Intersect(candNames))
        {
            var a = GroupDataset.Open(reference, group, name);
            var b = GroupDataset.Open(candidate, group, name);
            if (a is null || b is null)
                continue; // sub-groups such as events/trace are compared by their datasets' names only
            compared++;
            string item = group == "events" ? name : $"{group}/{name}";
            if (a.DType != b.DType)
            {
                diffs.Add(new("layout", item, $"dtype {a.DType} in the reference, {b.DType} in the candidate"));
                continue;
            }
            if (!a.Shape.SequenceEqual(b.Shape))
            {
                diffs.Add(new("layout", item, $"shape ({string.Join(", ", a.Shape)}) in the reference, ({string.Join(", ", b.Shape)}) in the candidate"));
                continue;
            }
            if (a.Shape.Length >= 2 && !a.ImageAttributes.SequenceEqual(b.ImageAttributes))
                diffs.Add(new("layout", item, "image attributes (CLASS, IMAGE_VERSION, IMAGE_SUBCLASS) differ"));
            if (a.DType.StartsWith("float", StringComparison.Ordinal))
                CompareFloats(item, a, b, tolerance, diffs);
            else
                CompareExact(item, a, b, diffs);
        }
        return compared;
    }

    private static void CompareFloats(string item, GroupDataset a, GroupDataset b, Tolerance tolerance, List<Difference> diffs)
    {
        long rows = a.Rows;
        long rowElements = a.RowElements;
        int block = (int)Math.Max(1, Math.Min(rows, BlockBytes / 8 / Math.Max(1, rowElements)));
        var x = new double[block * rowElements];
        var y = new double[block * rowElements];
        long differing = 0, first = -1;
        double firstRef = 0, firstCand = 0, maxAbs = 0, maxRel = 0;
        for (long start = 0; start < rows; start += block)
        {
            int n = (int)Math.Min(block, rows - start);
            a.ReadDoubles(start, n, x);
            b.ReadDoubles(start, n, y);
            for (int r = 0; r < n; r++)
            {
                bool rowDiffers = false;
                for (long k = r * rowElements; k < (r + 1) * rowElements; k++)
                {
                    if (tolerance.Equal(x[k], y[k]))
                        continue;
                    rowDiffers = true;
                    double abs = Math.Abs(y[k] - x[k]);
                    if (double.IsNaN(abs) || double.IsInfinity(abs))
                        abs = double.PositiveInfinity;
                    maxAbs = Math.Max(maxAbs, abs);
                    maxRel = Math.Max(maxRel, x[k] == 0 ? double.PositiveInfinity : abs / Math.Abs(x[k]));
                    if (first < 0)
                    {
                        first = start + r;
                        firstRef = x[k];
                        firstCand = y[k];
                    }
                }
                differing += rowDiffers ? 1 : 0;
            }
        }
        if (differing > 0)
        {
            var ci = CultureInfo.InvariantCulture;
            diffs.Add(new("feature", item,
                $"{differing} of {rows} events differ; first at event {first}: reference {firstRef.ToString("R", ci)}, candidate {firstCand.ToString("R", ci)}; "
                + $"max abs error {maxAbs.ToString("G3", ci)}, max rel error {maxRel.ToString("G3", ci)}"));
        }
    }

    private static void CompareExact(string item, GroupDataset a, GroupDataset b, List<Difference> diffs)
    {
        long rows = a.Rows;
        long rowBytes = a.RowElements * a.ElementSize;
        int block = (int)Math.Max(1, Math.Min(rows, BlockBytes / Math.Max(1, rowBytes)));
        var x = new byte[block * rowBytes];
        var y = new byte[block * rowBytes];
        long differing = 0, first = -1;
        for (long start = 0; start < rows; start += block)
        {
            int n = (int)Math.Min(block, rows - start);
            a.ReadBytes(start, n, x);
            b.ReadBytes(start, n, y);
            for (int r = 0; r < n; r++)
            {
                var rx = x.AsSpan((int)(r * rowBytes), (int)rowBytes);
                var ry = y.AsSpan((int)(r * rowBytes), (int)rowBytes);
                if (rx.SequenceEqual(ry))
                    continue;
                differing++;
                if (first < 0)
                    first = start + r;
            }
        }
        if (differing > 0)
            diffs.Add(new("feature", item, $"{differing} of {rows} events differ (exact comparison); first at event {first}"));
    }

    private static int CompareAttributes(RtdcFile reference, RtdcFile candidate, List<Difference> diffs)
    {
        var a = reference.Attributes;
        var b = candidate.Attributes;
        foreach (string key in a.Keys.Except(b.Keys))
            diffs.Add(new("attribute", key, $"missing in the candidate (reference: {a[key]})"));
        foreach (string key in b.Keys.Except(a.Keys))
            diffs.Add(new("attribute", key, $"not in the reference (candidate: {b[key]})"));
        int compared = 0;
        foreach (string key in a.Keys.Intersect(b.Keys))
        {
            compared++;
            if (!SameValue(a[key], b[key]))
                diffs.Add(new("attribute", key, $"reference '{a[key]}', candidate '{b[key]}'"));
            if (a[key].TypeText != b[key].TypeText)
                diffs.Add(new("attribute-type", key, $"{a[key].TypeText} in the reference, {b[key].TypeText} in the candidate"));
        }
        return compared;
    }

    /// <summary>
    /// Attributes of a dataset of logs/ or tables/ (dcnum copies them and adds "software"):
    /// presence, type and value; of "software" only the part before the last " | " (the source's),
    /// since the rest names the program that wrote the file.
    /// </summary>
    private static void CompareDatasetAttributes(string group, string name, string candidateName, RtdcFile reference, RtdcFile candidate, List<Difference> diffs)
    {
        var a = reference.DatasetAttributes(group, name);
        var b = candidate.DatasetAttributes(group, candidateName);
        string item = $"{group}/{name}";
        foreach (string key in a.Keys.Except(b.Keys))
            diffs.Add(new("dataset-attribute", $"{item}:{key}", $"missing in the candidate (reference: {a[key]})"));
        foreach (string key in b.Keys.Except(a.Keys))
            diffs.Add(new("dataset-attribute", $"{item}:{key}", $"not in the reference (candidate: {b[key]})"));
        foreach (string key in a.Keys.Intersect(b.Keys))
        {
            if (a[key].TypeText != b[key].TypeText)
                diffs.Add(new("attribute-type", $"{item}:{key}", $"{a[key].TypeText} in the reference, {b[key].TypeText} in the candidate"));
            else if (key == "software" ? SourceSoftware(a[key]) != SourceSoftware(b[key]) : !SameValue(a[key], b[key]))
                diffs.Add(new("dataset-attribute", $"{item}:{key}", $"reference '{a[key]}', candidate '{b[key]}'"));
        }

        static string SourceSoftware(AttributeValue v)
        {
            string text = v.ToString();
            int bar = text.LastIndexOf(" | ", StringComparison.Ordinal);
            return bar < 0 ? "" : text[..bar];
        }
    }

    /// <summary>
    /// Attribute values are compared as values: numbers by number (a bool equals 0 or 1, since
    /// PureHDF stores bools as uint8 where h5py uses an enum), strings by text.
    /// </summary>
    private static bool SameValue(AttributeValue a, AttributeValue b)
    {
        static bool Numeric(AttributeValue v) => v.Kind is AttributeKind.Integer or AttributeKind.Float or AttributeKind.Boolean;
        if (Numeric(a) && Numeric(b))
            return a.Float.Equals(b.Float);
        return a.Kind == b.Kind && a.ToString() == b.ToString();
    }

    /// <summary>
    /// Basins are compared by content: name, type, format, features, mapping, identifier and, for
    /// file basins, the relative path (dcnum writes [absolute, relative]; the absolute one names
    /// the machine that wrote the file).
    /// </summary>
    private static int CompareBasins(RtdcFile reference, RtdcFile candidate, List<Difference> diffs)
    {
        static string Describe(BasinDefinition b)
        {
            IEnumerable<string> paths = b.IsFile ? b.Paths.TakeLast(1) : b.Paths;
            return $"{b.Type} '{b.Name}' ({b.Format}) paths [{string.Join(", ", paths)}] features [{(b.Features is null ? "all" : string.Join(", ", b.Features))}] "
                + $"mapping {b.Mapping ?? "none"} identifier {b.Identifier ?? "none"}";
        }
        var a = reference.Basins.Select(Describe).Order(StringComparer.Ordinal).ToList();
        var b = candidate.Basins.Select(Describe).Order(StringComparer.Ordinal).ToList();
        foreach (string missing in a.Except(b))
            diffs.Add(new("basin", "definition", $"missing in the candidate: {missing}"));
        foreach (string extra in b.Except(a))
            diffs.Add(new("basin", "definition", $"not in the reference: {extra}"));
        return a.Count;
    }

    /// <summary>tables/*: same names, shape, columns (names and order) and values (NaN equals NaN; copied, so exact).</summary>
    private static void CompareTables(RtdcFile reference, RtdcFile candidate, List<Difference> diffs)
    {
        var a = reference.GroupMembers("tables");
        var b = candidate.GroupMembers("tables");
        foreach (string name in a.Except(b))
            diffs.Add(new("layout", $"tables/{name}", "missing in the candidate"));
        foreach (string name in b.Except(a))
            diffs.Add(new("layout", $"tables/{name}", "not in the reference"));
        foreach (string name in a.Intersect(b))
        {
            CompareDatasetAttributes("tables", name, name, reference, candidate, diffs);
            RawTable? ra = reference.ReadRawTable(name), rb = candidate.ReadRawTable(name);
            if (ra is null || rb is null)
            {
                if ((ra is null) != (rb is null))
                    diffs.Add(new("layout", $"tables/{name}", "a table of numbers in one file only"));
                continue;
            }
            if (!ra.Dims.SequenceEqual(rb.Dims) || ra.RowSize != rb.RowSize || !ra.Members.SequenceEqual(rb.Members) || ra.ElementDType != rb.ElementDType)
            {
                diffs.Add(new("layout", $"tables/{name}", "shape, type or columns differ"));
                continue;
            }
            if (ra.ElementDType is not null)
            {
                if (!ra.Bytes.AsSpan().SequenceEqual(rb.Bytes))
                    diffs.Add(new("table", $"tables/{name}", "values differ"));
                continue;
            }
            var ta = reference.ReadTable(name);
            var tb = candidate.ReadTable(name);
            foreach (var (column, values) in ta)
            {
                double[] other = tb[column];
                for (int i = 0; i < values.Length; i++)
                {
                    if (!(values[i].Equals(other[i])))
                    {
                        diffs.Add(new("table", $"tables/{name}:{column}", $"row {i}: {values[i].ToString(CultureInfo.InvariantCulture)} vs {other[i].ToString(CultureInfo.InvariantCulture)}"));
                        break;
                    }
                }
            }
        }
    }

    /// <summary>
    /// dcnum's own logs are compared by name up to the time stamp (a file processed twice has two
    /// of each: they are numbered in time order); other logs line by line.
    /// </summary>
    private static int CompareLogs(RtdcFile reference, RtdcFile candidate, List<Difference> diffs)
    {
        static Dictionary<string, string> Masked(IEnumerable<string> names)
        {
            var masked = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string name in names.Order(StringComparer.Ordinal))
            {
                string key = StampedLog().Match(name) is { Success: true } m ? m.Groups[1].Value + "-<time>" : name;
                string unique = key;
                for (int k = 2; masked.ContainsKey(unique); k++)
                    unique = $"{key}#{k}";
                masked[unique] = name;
            }
            return masked;
        }
        var a = Masked(reference.GroupMembers("logs"));
        var b = Masked(candidate.GroupMembers("logs"));
        foreach (string name in a.Keys.Except(b.Keys))
            diffs.Add(new("log", name, "missing in the candidate"));
        foreach (string name in b.Keys.Except(a.Keys))
            diffs.Add(new("log", name, "not in the reference"));
        foreach (string name in a.Keys.Intersect(b.Keys))
        {
            CompareDatasetAttributes("logs", a[name], b[name], reference, candidate, diffs);
            if (name.Contains("-<time>", StringComparison.Ordinal))
                continue;
            if (!reference.ReadLog(a[name]).SequenceEqual(candidate.ReadLog(b[name])))
                diffs.Add(new("log", name, "lines differ"));
        }
        return a.Count;
    }
}
