using System.Globalization;
using System.Text;
using System.Text.Json;
using Dcnum.Common;
using Dcnum.Compare;
using Dcnum.Read;

namespace Dcnum.Cli;

/// <summary>
/// <c>dcnum compare REF CAND [--json] [--rtol R] [--atol A]</c>: exit 0 when CAND is the same output
/// as REF (see <see cref="RtdcComparer"/>), 1 when they differ or cannot be read, 2 on usage errors.
/// </summary>
internal static class CompareCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var paths = new List<string>();
        bool json = false;
        var tolerance = Tolerance.Default;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--rtol":
                    tolerance = tolerance with { Relative = Number(args, ref i) };
                    break;
                case "--atol":
                    tolerance = tolerance with { Absolute = Number(args, ref i) };
                    break;
                case "--debug":
                    break;
                default:
                    if (args[i].StartsWith('-') && args[i].Length > 1)
                        throw new UsageException($"compare: unknown option '{args[i]}'");
                    paths.Add(args[i]);
                    break;
            }
        }
        if (paths.Count != 2)
            throw new UsageException("compare: needs REF and CAND (usage: dcnum compare REF CAND [--json] [--rtol R] [--atol A])");

        using RtdcFile reference = RtdcFile.Open(paths[0]);
        using RtdcFile candidate = RtdcFile.Open(paths[1]);
        ComparisonReport report = RtdcComparer.Compare(reference, candidate, tolerance);
        if (json)
            WriteJson(report, tolerance, stdout);
        else
        {
            foreach (Difference d in report.Differences)
                stdout.WriteLine(d.ToString());
            stdout.WriteLine(Summary(report, tolerance));
        }
        return report.Same ? CommandLine.ExitOk : CommandLine.ExitFailed;
    }

    private static string Summary(ComparisonReport r, Tolerance t)
    {
        var ci = CultureInfo.InvariantCulture;
        string what = $"{r.Events} events, {r.FeaturesCompared} datasets, {r.AttributesCompared} attributes, {r.BasinsCompared} basins, {r.LogsCompared} logs "
            + $"(rtol {t.Relative.ToString("G", ci)}, atol {t.Absolute.ToString("G", ci)})";
        return r.Same ? $"same: {what}" : $"different: {r.Differences.Count} difference(s) in {what}";
    }

    private static void WriteJson(ComparisonReport r, Tolerance t, TextWriter o)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("reference", Path.GetFullPath(r.Reference));
            w.WriteString("candidate", Path.GetFullPath(r.Candidate));
            w.WriteBoolean("same", r.Same);
            w.WriteNumber("events", r.Events);
            w.WriteNumber("datasets_compared", r.FeaturesCompared);
            w.WriteNumber("attributes_compared", r.AttributesCompared);
            w.WriteNumber("basins_compared", r.BasinsCompared);
            w.WriteNumber("logs_compared", r.LogsCompared);
            w.WriteNumber("rtol", t.Relative);
            w.WriteNumber("atol", t.Absolute);
            w.WriteStartArray("differences");
            foreach (Difference d in r.Differences)
            {
                w.WriteStartObject();
                w.WriteString("kind", d.Kind);
                w.WriteString("item", d.Item);
                w.WriteString("message", d.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        o.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static double Number(string[] args, ref int i)
    {
        string option = args[i];
        if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= 0))
            throw new UsageException($"compare: {option} needs a number ≥ 0");
        i++;
        return v;
    }
}
