using System.Globalization;
using System.Text;
using System.Text.Json;
using Dcnum.Segmentation.Torch;
using Dcnum.Segmentation.Torch.Model;

namespace Dcnum.Cli;

/// <summary><c>dcnum info MODEL.dcnm [--json]</c>: a model file's meta, its checks and the network found in it.</summary>
internal static class ModelInfoCommand
{
    /// <summary>True for a file to describe as a model: the .dcnm extension.</summary>
    public static bool IsModelPath(string path) => path.EndsWith(".dcnm", StringComparison.OrdinalIgnoreCase);

    public static int Run(string path, bool json, TextWriter o)
    {
        TorchModel model = TorchModel.Load(path);
        DcnmFile file = model.File;
        ModelMeta meta = model.Meta;
        var ci = CultureInfo.InvariantCulture;
        string format = file.Format == DcnmFormat.TorchScript ? "v1 (TorchScript): -s torchmpo or torchsto" : "v2 (torch.export): -s torchuni";
        string md5 = $"{file.Md5Hex} (file name suffix '{file.Md5Hex[..5]}': ok" + (file.Format == DcnmFormat.TorchExport ? "; container trailer: ok)" : ")");
        string? norm = meta.NormMean is double m && meta.NormStd is double s ? $"(x / 255 - {m.ToString(ci)}) / {s.ToString(ci)}" : null;
        List<string> network = model.Network is { } spec ? spec.Describe().ToList()
            : [$"torch.export program: {model.Export!.Program.Nodes.Count} graph nodes, input {model.Export.Program.InputDType} [{string.Join(", ", model.Export.Program.InputShape)}]"
                + (model.Export.Program.TorchVersion is { } tv ? $", exported by torch {tv}" : "")];
        List<string> rules = meta.Validation.Select(Describe).ToList();
        if (json)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("path", file.Path);
                w.WriteString("format", file.Format == DcnmFormat.TorchScript ? "1.0" : "2.0");
                w.WriteString("md5", file.Md5Hex);
                w.WriteString("name", meta.Name);
                w.WriteString("identifier", meta.Identifier);
                w.WriteString("date", meta.Date);
                w.WriteString("description", meta.Description);
                w.WriteStartArray("image_shape");
                w.WriteNumberValue(meta.ImageShape.Height);
                w.WriteNumberValue(meta.ImageShape.Width);
                w.WriteEndArray();
                if (meta.NormMean is double nm)
                    w.WriteNumber("norm_mean", nm);
                if (meta.NormStd is double ns)
                    w.WriteNumber("norm_std", ns);
                if (meta.BatchSize > 0)
                    w.WriteNumber("batch_size", meta.BatchSize);
                InfoCommand.WriteStrings(w, "validation", rules);
                InfoCommand.WriteStrings(w, "network", network);
                w.WriteEndObject();
            }
            o.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
            return CommandLine.ExitOk;
        }
        o.WriteLine($"file:         {file.Path}");
        o.WriteLine($"format:       {format}");
        o.WriteLine($"md5:          {md5}");
        o.WriteLine($"name:         {meta.Name}");
        o.WriteLine($"identifier:   {meta.Identifier}");
        o.WriteLine($"date:         {meta.Date}");
        if (meta.Description.Length > 0)
            o.WriteLine($"description:  {meta.Description}");
        o.WriteLine($"image shape:  {meta.ImageShape.Height} × {meta.ImageShape.Width} px (height × width)");
        if (norm is not null)
            o.WriteLine($"normalise:    {norm} (float32)");
        if (meta.BatchSize > 0)
            o.WriteLine($"batch size:   {meta.BatchSize}");
        o.WriteLine($"validation ({rules.Count}):");
        foreach (string r in rules)
            o.WriteLine($"  {r}");
        o.WriteLine("network:");
        foreach (string line in network)
            o.WriteLine($"  {line}");
        return CommandLine.ExitOk;
    }

    private static string Describe(ValidationRule r)
    {
        var test = new List<string>();
        if (r.Regexp is not null)
            test.Add((r.RegexpNegate ? "must not match " : "must match ") + r.Regexp);
        if (r.Values is { } v)
            test.Add($"within 1 % of {string.Join(" and ", v.Select(x => x.ToString(CultureInfo.InvariantCulture)))}");
        return $"{r.Type} '{r.Key}'{(r.AllowMissingKey ? " (may be missing)" : "")}: {string.Join(", ", test)} — {r.Reason}";
    }
}
