using Dcnum.Common;
using Dcnum.Meta;
using Dcnum.Segmentation.Torch.Export;

namespace Dcnum.Segmentation.Torch.Model;

/// <summary>The two model file formats dcnum knows.</summary>
internal enum DcnmFormat
{
    /// <summary>v1: a TorchScript zip (torchmpo, torchsto).</summary>
    TorchScript,
    /// <summary>v2: <c>DCNM</c> + zip + 32 hex digits of MD5 (torchuni).</summary>
    TorchExport,
}

/// <summary>
/// A <c>.dcnm</c> model file, found, checked and its meta read: the stem must end in
/// <c>_&lt;first 5 hex digits of md5(file)&gt;</c>; the format follows from the first 4 bytes.
/// dcnum counterpart: <c>segm_torch.torch_model</c> (<c>retrieve_model_file</c>, <c>check_md5sum</c>, <c>load_model</c>).
/// </summary>
internal sealed class DcnmFile
{
    /// <summary>The environment variable with more folders to look for bare model file names in (colon-separated).</summary>
    public const string SearchPathVariable = "DCNUM_MODEL_PATH";

    public required string Path { get; init; }
    public required byte[] Bytes { get; init; }
    public required string Md5Hex { get; init; }
    public required DcnmFormat Format { get; init; }
    public required ModelMeta Meta { get; init; }
    /// <summary>v2: the container read by <see cref="DcnmV2File"/> (its program included); null for v1.</summary>
    public DcnmV2File? Export { get; init; }

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The format_version a format carries (dcnum compares it with the segmenter's requirement).</summary>
    public string FormatVersion => Format == DcnmFormat.TorchScript ? "1.0" : "2.0";

    /// <summary>
    /// An existing path as is; otherwise the bare name in the current directory, then in each
    /// folder of <see cref="SearchPathVariable"/> (the first match wins).
    /// </summary>
    public static string Resolve(string modelFile)
    {
        if (File.Exists(modelFile))
            return System.IO.Path.GetFullPath(modelFile);
        string name = System.IO.Path.GetFileName(modelFile);
        var searched = new List<string> { Directory.GetCurrentDirectory() };
        searched.AddRange((Environment.GetEnvironmentVariable(SearchPathVariable) ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        if (name == modelFile)
        {
            foreach (string folder in searched)
            {
                string candidate = System.IO.Path.Combine(folder, name);
                if (File.Exists(candidate))
                    return System.IO.Path.GetFullPath(candidate);
            }
        }
        throw DcnumException.ForFile(modelFile, name == modelFile
            ? $"model file not found (looked in the current directory and {SearchPathVariable}" + (searched.Count > 1 ? $": {string.Join(":", searched.Skip(1))})" : ", which is not set)")
            : "model file not found");
    }

    /// <summary>Reads and checks a model file; every problem is a <see cref="DcnumException"/> naming the file.</summary>
    public static DcnmFile Open(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw DcnumException.ForFile(path, $"cannot be read ({ex.Message.TrimEnd('.')})", ex);
        }
        string md5 = Md5.HexOf(bytes);
        string stem = System.IO.Path.GetFileNameWithoutExtension(path);
        int underscore = stem.LastIndexOf('_');
        string suffix = underscore >= 0 ? stem[(underscore + 1)..] : "";
        if (!string.Equals(suffix, md5[..5], StringComparison.OrdinalIgnoreCase))
            throw DcnumException.ForFile(path, $"MD5 check failed: the file name ends in '_{suffix}', the file's MD5 starts with '{md5[..5]}' (damaged or renamed model file)");
        if (DcnmV2File.HasMagic(bytes))
        {
            DcnmV2File export = DcnmV2File.Read((byte[])bytes.Clone(), path); // one-line errors of its own; Read takes the bytes over
            return new DcnmFile { Path = System.IO.Path.GetFullPath(path), Bytes = bytes, Md5Hex = md5, Format = DcnmFormat.TorchExport, Meta = Checked(() => ModelMeta.From(export.Meta), path), Export = export };
        }
        return new DcnmFile
        {
            Path = System.IO.Path.GetFullPath(path),
            Bytes = bytes,
            Md5Hex = md5,
            Format = DcnmFormat.TorchScript,
            Meta = Checked(() =>
            {
                string json = TorchScript.TorchScriptArchive.Open(bytes).MetaJson ?? throw new InvalidDataException("the archive has no extra/dcnum_meta.json");
                return ModelMeta.From(DcnmMeta.Parse(System.Text.Encoding.UTF8.GetBytes(json), path));
            }, path),
        };
    }

    private static ModelMeta Checked(Func<ModelMeta> read, string path)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or InvalidCastException or ArgumentException
            or NullReferenceException or IndexOutOfRangeException or KeyNotFoundException or OverflowException or IOException or InvalidOperationException)
        {
            throw DcnumException.ForFile(path, $"is not a valid dcnum model file ({ex.Message.TrimEnd('.')})", ex);
        }
    }
}
