using System.IO.Compression;
using Dcnum.Common;
using Dcnum.Meta;

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
        try
        {
            bool v2 = bytes.Length >= 4 && bytes[0] == 'D' && bytes[1] == 'C' && bytes[2] == 'N' && bytes[3] == 'M';
            string json = v2 ? ExportMetaJson(bytes) : TorchScript.TorchScriptArchive.Open(bytes).MetaJson
                ?? throw new InvalidDataException("the archive has no extra/dcnum_meta.json");
            return new DcnmFile
            {
                Path = System.IO.Path.GetFullPath(path),
                Bytes = bytes,
                Md5Hex = md5,
                Format = v2 ? DcnmFormat.TorchExport : DcnmFormat.TorchScript,
                Meta = ModelMeta.Parse(json),
            };
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or InvalidCastException or ArgumentException
            or NullReferenceException or IndexOutOfRangeException or KeyNotFoundException or OverflowException or IOException)
        {
            throw DcnumException.ForFile(path, $"is not a valid dcnum model file ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    /// <summary>v2: checks the trailer (hex MD5 of everything before it) and reads <c>dcnum_meta.json</c> from the zip.</summary>
    private static string ExportMetaJson(byte[] bytes)
    {
        if (bytes.Length < 36)
            throw new InvalidDataException("the DCNM container is truncated");
        string trailer = System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 32, 32);
        string actual = Md5.HexOf(bytes.AsSpan(0, bytes.Length - 32));
        if (!string.Equals(trailer, actual, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException("the DCNM container's MD5 trailer does not match its content");
        // DCNM replaces the zip's first local header magic; after the end-of-central-directory
        // record's fixed part come bytes System.IO.Compression does not accept as a zip comment
        // (Python's zipfile does): give it the zip up to there with an empty comment.
        int eocd = bytes.AsSpan(0, bytes.Length - 32).LastIndexOf("PK\u0005\u0006"u8);
        if (eocd < 0 || eocd + 22 > bytes.Length)
            throw new InvalidDataException("the DCNM container holds no zip directory");
        byte[] zip = bytes[..(eocd + 22)];
        zip[0] = (byte)'P'; zip[1] = (byte)'K'; zip[2] = 3; zip[3] = 4;
        zip[^2] = 0; zip[^1] = 0;
        using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        ZipArchiveEntry entry = archive.Entries.FirstOrDefault(e => e.FullName == "dcnum_meta.json" || e.FullName.EndsWith("/dcnum_meta.json", StringComparison.Ordinal))
            ?? throw new InvalidDataException("the DCNM container has no dcnum_meta.json");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
