using System.Globalization;
using System.Text;
using System.Text.Json;
using Dcnum.Common;
using Dcnum.Read;

namespace Dcnum.Cli;

/// <summary><c>dcnum info FILE [--json]</c>: what is in an .rtdc file (or a .dcnm model: <see cref="ModelInfoCommand"/>).</summary>
internal static class InfoCommand
{
    private static readonly string[] s_pipelineKeys =
        ["generation", "data", "background", "segmenter", "feature", "gate", "hash", "yield", "mapping"];

    public static int Run(string[] args, TextWriter stdout)
    {
        string? path = null;
        bool json = false;
        foreach (string a in args)
        {
            if (a == "--json")
                json = true;
            else if (a == "--debug")
                continue;
            else if (a.StartsWith('-') && a.Length > 1)
                throw new UsageException($"info: unknown option '{a}'");
            else if (path is null)
                path = a;
            else
                throw new UsageException($"info: one FILE only ('{a}' is extra)");
        }
        if (path is null)
            throw new UsageException("info: missing FILE (usage: dcnum info FILE [--json])");
        if (ModelInfoCommand.IsModelPath(path))
            return ModelInfoCommand.Run(path, json, stdout);

        using RtdcFile file = RtdcFile.Open(path);
        var report = Collect(file);
        if (json)
            WriteJson(report, stdout);
        else
            WriteText(report, stdout);
        return CommandLine.ExitOk;
    }

    private sealed record Report(
        string Path, long Events, (int Height, int Width)? Roi, double PixelSize, double? FrameRate,
        string? Identifier, IReadOnlyList<FeatureInfo> Features, IReadOnlyList<(string Key, string Value)> Pipeline,
        IReadOnlyList<BasinDefinition> Basins, IReadOnlyList<(string Name, int Lines)> Logs,
        IReadOnlyList<(string Name, int Rows, IReadOnlyList<string> Columns)> Tables, IReadOnlyDictionary<string, AttributeValue> Attributes);

    private static Report Collect(RtdcFile file)
    {
        var pipeline = new List<(string, string)>();
        foreach (string key in s_pipelineKeys)
        {
            if (file.Attributes.TryGetValue($"pipeline:dcnum {key}", out AttributeValue v))
                pipeline.Add((key, v.ToString()));
        }
        var tables = new List<(string, int, IReadOnlyList<string>)>();
        foreach (string name in file.GroupMembers("tables"))
        {
            var columns = file.ReadTable(name);
            tables.Add((name, columns.Count == 0 ? 0 : columns.First().Value.Length, columns.Keys.ToList()));
        }
        var logs = new List<(string, int)>();
        foreach (var (name, lines) in file.Logs)
            logs.Add((name, lines.Length));
        return new Report(
            System.IO.Path.GetFullPath(file.Path), file.EventCount, file.ImageShape, file.PixelSize,
            file.AttributeNumber("imaging:frame rate"), file.MeasurementIdentifier, file.Features, pipeline,
            file.Basins, logs, tables, file.Attributes);
    }

    private static void WriteText(Report r, TextWriter o)
    {
        var ci = CultureInfo.InvariantCulture;
        o.WriteLine($"file:         {r.Path}");
        o.WriteLine($"events:       {r.Events}");
        o.WriteLine(r.Roi is { } roi ? $"ROI:          {roi.Width} × {roi.Height} px (width × height)" : "ROI:          no images");
        o.WriteLine($"pixel size:   {r.PixelSize.ToString(ci)} µm");
        if (r.FrameRate is double fr)
            o.WriteLine($"frame rate:   {fr.ToString(ci)} Hz");
        o.WriteLine($"identifier:   {r.Identifier ?? "(none)"}");
        if (r.Pipeline.Count > 0)
        {
            o.WriteLine("pipeline:");
            foreach (var (key, value) in r.Pipeline)
                o.WriteLine($"  {key,-11} {value}");
        }
        o.WriteLine($"features ({r.Features.Count}):");
        foreach (FeatureInfo f in r.Features)
        {
            string shape = string.Join(" × ", f.Shape);
            string source = f.IsInnate ? "" : $"  [basin: {f.Source}]";
            o.WriteLine($"  {f.Name,-18} {f.DType,-8} {shape}{source}");
        }
        if (r.Basins.Count > 0)
        {
            o.WriteLine($"basins ({r.Basins.Count}):");
            foreach (BasinDefinition b in r.Basins)
            {
                string features = b.Features is null ? "all" : string.Join(", ", b.Features);
                string mapping = b.Mapping is null ? "" : $", mapping {b.Mapping}";
                o.WriteLine($"  {b.Name} ({b.Type}{mapping}): {features}");
            }
        }
        if (r.Logs.Count > 0)
        {
            o.WriteLine($"logs ({r.Logs.Count}):");
            foreach (var (name, lines) in r.Logs)
                o.WriteLine($"  {name} ({lines} lines)");
        }
        if (r.Tables.Count > 0)
        {
            o.WriteLine($"tables ({r.Tables.Count}):");
            foreach (var (name, rows, columns) in r.Tables)
                o.WriteLine($"  {name} ({rows} rows): {string.Join(", ", columns)}");
        }
    }

    private static void WriteJson(Report r, TextWriter o)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("path", r.Path);
            w.WriteNumber("events", r.Events);
            if (r.Roi is { } roi)
            {
                w.WriteNumber("roi_height", roi.Height);
                w.WriteNumber("roi_width", roi.Width);
            }
            w.WriteNumber("pixel_size", r.PixelSize);
            if (r.FrameRate is double fr)
                w.WriteNumber("frame_rate", fr);
            if (r.Identifier is null)
                w.WriteNull("identifier");
            else
                w.WriteString("identifier", r.Identifier);
            w.WriteStartObject("pipeline");
            foreach (var (key, value) in r.Pipeline)
                w.WriteString(key, value);
            w.WriteEndObject();
            w.WriteStartArray("features");
            foreach (FeatureInfo f in r.Features)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("dtype", f.DType);
                w.WriteStartArray("shape");
                foreach (ulong d in f.Shape)
                    w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteString("source", f.Source);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("basins");
            foreach (BasinDefinition b in r.Basins)
            {
                w.WriteStartObject();
                w.WriteString("key", b.Key);
                w.WriteString("name", b.Name);
                w.WriteString("type", b.Type);
                w.WriteString("format", b.Format);
                WriteStrings(w, "paths", b.Paths);
                if (b.Features is null)
                    w.WriteNull("features");
                else
                    WriteStrings(w, "features", b.Features);
                if (b.Mapping is not null)
                    w.WriteString("mapping", b.Mapping);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("logs");
            foreach (var (name, lines) in r.Logs)
                w.WriteNumber(name, lines);
            w.WriteEndObject();
            w.WriteStartObject("tables");
            foreach (var (name, rows, columns) in r.Tables)
            {
                w.WriteStartObject(name);
                w.WriteNumber("rows", rows);
                WriteStrings(w, "columns", columns);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("attributes");
            foreach (var (key, value) in r.Attributes)
            {
                switch (value.Kind)
                {
                    case AttributeKind.String: w.WriteString(key, value.Text); break;
                    case AttributeKind.Integer: w.WriteNumber(key, value.Integer); break;
                    case AttributeKind.Float when double.IsFinite(value.Float): w.WriteNumber(key, value.Float); break;
                    case AttributeKind.Boolean: w.WriteBoolean(key, value.Integer != 0); break;
                    default: w.WriteString(key, value.ToString()); break;
                }
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        o.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
