using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Dcnum.Segmentation.Torch.TorchScript;

/// <summary>
/// A TorchScript archive (v1 <c>.dcnm</c>): a zip whose entries sit under one folder whose name
/// varies (<c>input/</c>, the model's name, …): <c>data.pkl</c> (the module tree),
/// <c>data/&lt;key&gt;</c> (raw little-endian tensor storages, stored uncompressed),
/// <c>extra/dcnum_meta.json</c> and <c>code/__torch__/**.py</c> (the TorchScript source, read
/// here only for the <c>Final</c> constants of each module class: stride, dilation, eps, …).
/// </summary>
internal sealed partial class TorchScriptArchive
{
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _finals = new(StringComparer.Ordinal);

    /// <summary>The folder all entries live in, with its trailing slash (e.g. <c>input/</c>).</summary>
    public string Prefix { get; }

    /// <summary>The unpickled <c>data.pkl</c>: the root module.</summary>
    public PyObject Root { get; }

    /// <summary>The text of <c>extra/dcnum_meta.json</c>, or null if the archive has none.</summary>
    public string? MetaJson { get; }

    private TorchScriptArchive(ZipArchive zip)
    {
        string? prefix = null;
        foreach (ZipArchiveEntry e in zip.Entries)
        {
            _entries[e.FullName] = e;
            if (e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) && e.FullName.IndexOf('/') == e.FullName.Length - "/data.pkl".Length)
            {
                if (prefix is not null)
                    throw new InvalidDataException("the TorchScript archive has more than one data.pkl");
                prefix = e.FullName[..^"data.pkl".Length];
            }
        }
        Prefix = prefix ?? throw new InvalidDataException("not a TorchScript archive (no <folder>/data.pkl entry)");
        if (_entries.TryGetValue(Prefix + "extra/dcnum_meta.json", out ZipArchiveEntry? meta))
            MetaJson = System.Text.Encoding.UTF8.GetString(ReadEntry(meta));
        if (Read("byteorder") is { } order && System.Text.Encoding.ASCII.GetString(order) != "little")
            throw new InvalidDataException("the tensors are stored big-endian (byteorder file), which is not supported");
        Root = PickleReader.Load(ReadEntry(_entries[Prefix + "data.pkl"])) as PyObject
            ?? throw new InvalidDataException("data.pkl does not hold a module");
    }

    /// <summary>Opens the archive in <paramref name="bytes"/>; a damaged zip is an <see cref="InvalidDataException"/>.</summary>
    public static TorchScriptArchive Open(byte[] bytes)
    {
        try
        {
            return new TorchScriptArchive(new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException(ex.Message.TrimEnd('.'), ex);
        }
    }

    /// <summary>An entry below the prefix, or null.</summary>
    public byte[]? Read(string relative)
        => _entries.TryGetValue(Prefix + relative, out ZipArchiveEntry? e) ? ReadEntry(e) : null;

    /// <summary>The float32 values of a tensor (contiguous, row-major) from its storage.</summary>
    public float[] Floats(TensorRef tensor, string name)
    {
        if (tensor.Storage.DType != "FloatStorage")
            throw new InvalidDataException($"tensor '{name}' is {tensor.Storage.DType}, expected FloatStorage (float32)");
        long count = 1;
        for (int d = tensor.Shape.Length - 1; d >= 0; d--)
        {
            if (tensor.Shape[d] != 1 && tensor.Stride[d] != count)
                throw new InvalidDataException($"tensor '{name}' is not contiguous (stride {string.Join(",", tensor.Stride)})");
            count = checked(count * tensor.Shape[d]);
        }
        byte[] raw = StorageBytes(tensor.Storage);
        if (tensor.Offset < 0 || count < 0 || checked((tensor.Offset + count) * 4) > raw.Length)
            throw new InvalidDataException($"tensor '{name}' reaches past the end of its storage data/{tensor.Storage.Key}");
        var values = new float[count];
        Buffer.BlockCopy(raw, (int)tensor.Offset * 4, values, 0, (int)count * 4);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("big-endian hosts are not supported");
        return values;
    }

    /// <summary>The raw bytes of a storage entry; it must be stored (torch writes tensors uncompressed and aligned).</summary>
    public byte[] StorageBytes(StorageRef storage)
    {
        string name = "data/" + storage.Key;
        if (!_entries.TryGetValue(Prefix + name, out ZipArchiveEntry? e))
            throw new InvalidDataException($"tensor storage {name} is missing");
        if (e.CompressedLength != e.Length)
            throw new InvalidDataException($"tensor storage {name} is compressed; TorchScript archives store tensors uncompressed");
        return ReadEntry(e);
    }

    /// <summary>
    /// The <c>Final</c> constants of a module class, from <c>code/__torch__/&lt;module path&gt;.py</c>
    /// (e.g. <c>stride → "(1, 1)"</c>, <c>eps → "1.0000000000000001e-05"</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Finals(PyGlobal type)
    {
        string key = type.ToString();
        if (_finals.TryGetValue(key, out var found))
            return found;
        var finals = new Dictionary<string, string>(StringComparer.Ordinal);
        string path = "code/" + type.Module.Replace('.', '/') + ".py";
        byte[] source = Read(path) ?? throw new InvalidDataException($"the source of module class {type} ({path}) is missing");
        bool inClass = false;
        foreach (string line in System.Text.Encoding.UTF8.GetString(source).Split('\n'))
        {
            Match c = ClassLine().Match(line);
            if (c.Success)
            {
                inClass = c.Groups[1].Value == type.Name;
                continue;
            }
            Match f = FinalLine().Match(line);
            if (inClass && f.Success)
                finals[f.Groups[1].Value] = f.Groups[2].Value.Trim();
        }
        _finals[key] = finals;
        return finals;
    }

    /// <summary>A <c>Final</c> integer tuple such as <c>(1, 1)</c>, or a single integer.</summary>
    public static int[] IntTuple(IReadOnlyDictionary<string, string> finals, string name, PyGlobal type)
    {
        if (!finals.TryGetValue(name, out string? text))
            throw new InvalidDataException($"module class {type} has no '{name}' constant");
        return text.Trim('(', ')', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>A <c>Final</c> float, e.g. BatchNorm's eps.</summary>
    public static double Float(IReadOnlyDictionary<string, string> finals, string name, PyGlobal type)
        => finals.TryGetValue(name, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw new InvalidDataException($"module class {type} has no numeric '{name}' constant");

    private static byte[] ReadEntry(ZipArchiveEntry e)
    {
        using Stream s = e.Open();
        var buffer = new byte[e.Length];
        s.ReadExactly(buffer);
        return buffer;
    }

    [GeneratedRegex(@"^class (\w+)\(")]
    private static partial Regex ClassLine();

    [GeneratedRegex(@"^  (\w+) : Final\[[^=]*\] = (.*)$")]
    private static partial Regex FinalLine();
}
