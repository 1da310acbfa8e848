using System.IO.Compression;
using System.Text;
using Dcnum.Common;
using Dcnum.Meta;

namespace Dcnum.Segmentation.Torch.Export;

/// <summary>
/// A v2 (<c>format_version</c> "2.0", torchuni) model file: <c>DCNM</c> in place of the zip's
/// first four bytes (<c>PK\x03\x04</c>), the rest of the zip, then 32 bytes of ASCII hex
/// <c>md5(everything before them)</c>. The zip holds <c>dcnum_meta.json</c> and one
/// <c>&lt;identifier&gt;.pt2</c> (a torch.export archive, read by <see cref="ExportedProgram"/>).
/// Zip offsets count from the file's first byte, so the body is read in place with the magic
/// put back. Loading is immutable and thread-safe to share; the interpreter holds the scratch.
/// </summary>
public sealed class DcnmV2File
{
    public static ReadOnlySpan<byte> Magic => "DCNM"u8;

    private const int TrailerLength = 32;

    public string Path { get; }
    public DcnmMeta Meta { get; }
    public ExportedProgram Program { get; }

    private DcnmV2File(string path, DcnmMeta meta, ExportedProgram program)
    {
        Path = path;
        Meta = meta;
        Program = program;
    }

    /// <summary>True when the file starts with the v2 magic (otherwise dcnum treats it as v1).</summary>
    public static bool HasMagic(ReadOnlySpan<byte> head) => head.StartsWith(Magic);

    public static DcnmV2File Open(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw DcnumException.ForFile(path, $"cannot read the model file ({e.Message})", e);
        }
        return Read(bytes, path);
    }

    /// <summary>
    /// Parses a whole file's bytes (<paramref name="path"/> only names it in errors). Takes
    /// ownership of <paramref name="bytes"/>: the zip is read in place with its magic restored.
    /// </summary>
    internal static DcnmV2File Read(byte[] bytes, string path)
    {
        if (!HasMagic(bytes))
            throw DcnumException.ForFile(path, "not a v2 .dcnm model file (it does not start with 'DCNM')");
        // smallest zip: an end-of-central-directory record (22 bytes)
        if (bytes.Length < Magic.Length + 22 + TrailerLength)
            throw DcnumException.ForFile(path, $"truncated .dcnm model file ({bytes.Length} bytes)");
        int bodyLength = bytes.Length - TrailerLength;
        string stored = Encoding.ASCII.GetString(bytes, bodyLength, TrailerLength);
        string actual = Md5.HexOf(bytes.AsSpan(0, bodyLength));
        if (stored != actual)
            throw DcnumException.ForFile(path, "md5 trailer does not match the content (the file is corrupt or truncated)");

        "PK\x03\x04"u8.CopyTo(bytes);
        FixCommentLength(bytes, bodyLength, path);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, 0, bodyLength, writable: false), ZipArchiveMode.Read);
            var metaEntry = zip.GetEntry("dcnum_meta.json")
                ?? throw DcnumException.ForFile(path, "dcnum_meta.json missing in the model file");
            var meta = DcnmMeta.Parse(ReadEntry(metaEntry), path);
            if (meta.FormatVersion != "2.0")
                throw DcnumException.ForFile(path, $"format_version '{meta.FormatVersion}' in a DCNM file (expected '2.0')");
            if (meta.ImageShape is not [> 0, > 0])
                throw DcnumException.ForFile(path, "dcnum_meta.json has no valid image_shape [height, width]");
            if (meta.BatchSize is not > 0)
                throw DcnumException.ForFile(path, "dcnum_meta.json has no valid batch_size");
            var programs = zip.Entries.Where(e => e.FullName.EndsWith(".pt2", StringComparison.Ordinal)).ToList();
            if (programs.Count != 1)
                throw DcnumException.ForFile(path, $"expected one .pt2 program in the model file, found {programs.Count}");
            var program = ExportedProgram.Load(ReadEntry(programs[0]), path);
            return new DcnmV2File(path, meta, program);
        }
        catch (InvalidDataException e)
        {
            throw DcnumException.ForFile(path, $"corrupt zip body in the model file ({e.Message})", e);
        }
    }

    /// <summary>
    /// dcnum's files hold ASCII "32" in the end-of-central-directory's comment length (2 bytes
    /// before the trailer), which System.IO.Compression rejects and Python's zipfile ignores.
    /// Set it to the bytes really left after the record, as Python reads it.
    /// </summary>
    private static void FixCommentLength(byte[] bytes, int bodyLength, string path)
    {
        const int recordLength = 22;
        for (int at = bodyLength - recordLength; at >= Math.Max(0, bodyLength - recordLength - ushort.MaxValue); at--)
        {
            if (bytes.AsSpan(at, 4).SequenceEqual("PK\x05\x06"u8))
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at + 20), (ushort)(bodyLength - at - recordLength));
                return;
            }
        }
        throw DcnumException.ForFile(path, "corrupt zip body in the model file (no end-of-central-directory record)");
    }

    internal static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        if (entry.Length > int.MaxValue / 2)
            throw new InvalidDataException($"zip entry {entry.FullName} too large");
        var data = new byte[entry.Length];
        using var stream = entry.Open();
        stream.ReadExactly(data);
        return data;
    }
}
