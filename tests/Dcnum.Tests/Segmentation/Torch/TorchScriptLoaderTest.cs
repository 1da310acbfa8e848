using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Dcnum.Cli;
using Dcnum.Job.Segmenters;
using Dcnum.Segmentation.Torch;
using Dcnum.Segmentation.Torch.TorchScript;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary>
/// The v1 (TorchScript) loader: the tensors it finds, and damaged or foreign archives, which must
/// each end in one clear line naming the file (built here from the real model files).
/// </summary>
public class TorchScriptLoaderTest
{
    private const string G1 = "unet-dcnum-test_g1_910c2.dcnm";

    /// <summary>
    /// Every tensor's dotted name, shape, storage type and the SHA-256 (first 16 hex digits) of its raw
    /// bytes, one line each, hashed together. The expected digest was computed independently with
    /// Python's zipfile + pickle (stub classes, persistent_load) + hashlib over the archive's
    /// data/N entries; both models hold the same weights, so the digests agree.
    /// </summary>
    [Test]
    [Arguments(G1)]
    [Arguments("unet-dcnum-test_g2_17ec6.dcnm")]
    public async Task Tensors_NamesShapesAndBytes_MatchPythonsReading(string model)
    {
        var archive = TorchScriptArchive.Open(File.ReadAllBytes(SharedData.Data(model)));
        var lines = new List<string>();
        foreach (var (name, tensor) in TunableUNetReader.Tensors(archive.Root))
        {
            int item = tensor.Storage.DType == "LongStorage" ? 8 : 4;
            long count = tensor.Shape.Aggregate(1L, (a, b) => a * b);
            byte[] raw = archive.StorageBytes(tensor.Storage);
            string hash = Convert.ToHexStringLower(SHA256.HashData(raw.AsSpan((int)(tensor.Offset * item), (int)(count * item))))[..16];
            string shape = tensor.Shape.Length == 1 ? $"({tensor.Shape[0]},)" : "(" + string.Join(", ", tensor.Shape) + ")";
            lines.Add($"{name} {shape} {tensor.Storage.DType} {hash}");
        }
        await Assert.That(lines.Count).IsEqualTo(83);
        await Assert.That(lines[0]).IsEqualTo("encoder.0.block.0.weight (8, 1, 3, 3) FloatStorage 448b28c159f22158");
        await Assert.That(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)))))
            .IsEqualTo("48bb437da5afe51277da13968c912e2c21a24248d002645ab2d20e0eeabc2d82");
    }

    [Test]
    public async Task OtherFolderPrefix_LoadsTheSameNetwork()
    {
        using var temp = new TempDirectory("dcnum-torch-prefix-");
        string path = Rebuild(temp.Path, "renamed", name => "some-other-name/" + name[(name.IndexOf('/') + 1)..]);
        TorchModel model = TorchModel.Load(path);
        TorchModel reference = TorchModel.Load(SharedData.Data(G1));
        (byte[] image, int h, int w) = PngImage.ReadChannel0(SharedData.Data("cell_image_3.png"));
        bool[] a = new bool[h * w], b = new bool[h * w];
        TorchScriptMaskSegmenter.SegmentOne(model, image, h, w, a);
        TorchScriptMaskSegmenter.SegmentOne(reference, image, h, w, b);
        await Assert.That(a.SequenceEqual(b)).IsTrue();
        await Assert.That(a.Count(v => v)).IsGreaterThan(100);
    }

    public static IEnumerable<(string Case, string Expected)> BrokenCases() =>
    [
        ("deflated", "tensor storage data/0 is compressed"),
        ("unknown-class", "unsupported module class '__torch__.torch.nn.modules.activation.GELU'"),
        ("two-prefixes", "more than one data.pkl"),
        ("wrong-md5", "MD5 check failed: the file name ends in '_00000'"),
        ("truncated", "is not a valid dcnum model file"),
        ("v2-bad-trailer", "trailer does not match"),
        ("not-a-unet", "unsupported network class '__torch__.semanticsegmentor.models.tune_unet.TunableVNet'"),
    ];

    [Test]
    [MethodDataSource(nameof(BrokenCases))]
    public async Task BrokenModel_IsOneLineErrorNamingTheFile(string brokenCase, string expected)
    {
        using var temp = new TempDirectory("dcnum-torch-broken-");
        string path = brokenCase switch
        {
            "deflated" => Rebuild(temp.Path, "deflated", n => n, deflateTensors: true),
            "unknown-class" => Rebuild(temp.Path, "gelu", n => n, pickle: p => Replace(p, "activation\nReLU\n", "activation\nGELU\n")),
            "two-prefixes" => Rebuild(temp.Path, "split", n => n, secondPickle: "other/data.pkl"),
            "wrong-md5" => Copy(temp.Path, File.ReadAllBytes(SharedData.Data(G1)), "unet_00000.dcnm"),
            "truncated" => WithMd5Suffix(temp.Path, "cut", File.ReadAllBytes(SharedData.Data(G1))[..60000]),
            "v2-bad-trailer" => WithMd5Suffix(temp.Path, "trailer", BadTrailer(File.ReadAllBytes(SharedData.Data("unet-dcnum-test_g1_cb45f.dcnm")))),
            "not-a-unet" => Rebuild(temp.Path, "vnet", n => n, pickle: p => Replace(p, "tune_unet\nTunableUNet\n", "tune_unet\nTunableVNet\n")),
            _ => throw new ArgumentException(brokenCase),
        };
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["info", path], new StringWriter(), stderr);
        await Assert.That(rc).IsEqualTo(1);
        string text = stderr.ToString();
        await Assert.That(text.TrimEnd('\n').Split('\n').Length).IsEqualTo(1);
        await Assert.That(text).StartsWith($"dcnum: error: {path}");
        await Assert.That(text).Contains(expected);
    }

    /// <summary>g1 re-zipped: entries renamed, tensors optionally deflated, data.pkl optionally edited or also stored under a second folder; named with its MD5 suffix.</summary>
    private static string Rebuild(string dir, string stem, Func<string, string> rename, bool deflateTensors = false, Func<byte[], byte[]>? pickle = null, string? secondPickle = null)
    {
        using var source = ZipFile.OpenRead(SharedData.Data(G1));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (ZipArchiveEntry e in source.Entries)
            {
                using var input = new MemoryStream();
                using (Stream s = e.Open())
                    s.CopyTo(input);
                byte[] data = input.ToArray();
                if (pickle is not null && e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal))
                    data = pickle(data);
                bool tensor = e.FullName.Contains("/data/", StringComparison.Ordinal);
                bool stored = tensor ? !deflateTensors : e.CompressedLength == e.Length;
                var names = new List<string> { rename(e.FullName) };
                if (secondPickle is not null && e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal))
                    names.Add(secondPickle);
                foreach (string name in names)
                {
                    using Stream target = zip.CreateEntry(name, stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal).Open();
                    target.Write(data);
                }
            }
        }
        return WithMd5Suffix(dir, stem, buffer.ToArray());
    }

    private static string WithMd5Suffix(string dir, string stem, byte[] bytes)
        => Copy(dir, bytes, $"{stem}_{Convert.ToHexStringLower(MD5.HashData(bytes))[..5]}.dcnm");

    private static string Copy(string dir, byte[] bytes, string name)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Replace(byte[] data, string from, string to)
    {
        byte[] f = Encoding.ASCII.GetBytes(from), t = Encoding.ASCII.GetBytes(to);
        int at = data.AsSpan().IndexOf(f);
        if (at < 0 || f.Length != t.Length)
            throw new ArgumentException($"'{from}' not in data.pkl");
        byte[] copy = (byte[])data.Clone();
        t.CopyTo(copy, at);
        return copy;
    }

    private static byte[] BadTrailer(byte[] v2)
    {
        byte[] copy = (byte[])v2.Clone();
        copy[^1] = copy[^1] == (byte)'0' ? (byte)'1' : (byte)'0';
        return copy;
    }
}
