using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Dcnum.Common;
using Dcnum.Meta;
using Dcnum.Segmentation.Torch.Export;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch.Export;

/// <summary>
/// The v2 <c>.dcnm</c> container and the <c>.pt2</c> program in it, read from dcnum's two test
/// models, and the one-line errors for files that are not (or no longer) such models.
/// </summary>
public class DcnmV2FileTest
{
    private const string G1 = "unet-dcnum-test_g1_cb45f.dcnm";
    private const string G2 = "unet-dcnum-test_g2_02dcd.dcnm";

    // Shapes and md5 of each constant's raw file, computed independently with python3:
    //   outer = zipfile.ZipFile(io.BytesIO(b"PK\x03\x04" + data[4:-32]))
    //   pt2 = zipfile.ZipFile(io.BytesIO(outer.read("unet-dcnum-test_g1.pt2")))
    //   cfg = json.loads(pt2.read("archive/data/constants/model_constants_config.json"))["config"]
    //   hashlib.md5(pt2.read("archive/data/constants/" + cfg[name]["path_name"])).hexdigest()
    // (every constant is contiguous, so the raw file is the tensor's bytes). In g2 only
    // lifted_tensor_1 and _2 (norm mean and std) differ from g1.
    private static readonly (string Name, int[] Shape, string Md5)[] s_g1Constants =
    [
        ("lifted_tensor_0", [], "d48fb7026f9b0ca15eea92c2cfc131d5"),
        ("lifted_tensor_1", [], "58b7f4cfe034c3297d00c3aee9abf9f9"),
        ("lifted_tensor_2", [], "acaac971d84ee9c748cc75b38a2030e0"),
        ("lifted_tensor_3", [8, 1, 3, 3], "c80badf93f18836ff825652d2cee43bc"),
        ("lifted_tensor_4", [8], "823f9eab43185dab55eaf5fb3f446319"),
        ("lifted_tensor_5", [8], "bd83be8d322c184eb4a2214d0a31c7c0"),
        ("lifted_tensor_6", [8], "dae6138507428c3958f39ccec0aa3c2d"),
        ("lifted_tensor_7", [8], "ac2851377f8064f3e30ecc0f50417b0e"),
        ("lifted_tensor_8", [8], "d3ebf8ba2d5500287d085ccbb35c3ddc"),
        ("lifted_tensor_9", [16, 8, 3, 3], "6b20135f08c29be580a4b613fc2a749f"),
        ("lifted_tensor_10", [16], "018d403e8230ae25c0c18392345c40dc"),
        ("lifted_tensor_11", [16], "58832dcc4aca1075bbcc28faf124e539"),
        ("lifted_tensor_12", [16], "587f64220422fa6f7a3a495648cf1e5e"),
        ("lifted_tensor_13", [16], "30859f837a167b9cf403348efd990fce"),
        ("lifted_tensor_14", [16], "295e056c9f7321512bb4d30511ab9dfd"),
        ("lifted_tensor_15", [32, 16, 3, 3], "f7dccacdf921306aeb2c44758aaafc65"),
        ("lifted_tensor_16", [32], "55497ebb4a5b77749b51fc8ba32aa099"),
        ("lifted_tensor_17", [32], "e65f95dcd2a46212229355d0341c918d"),
        ("lifted_tensor_18", [32], "c8492d39956b5ec88d748b9db9804c13"),
        ("lifted_tensor_19", [32], "7f1f4b493769875d9d93d9b593d302ee"),
        ("lifted_tensor_20", [32], "4754f8270a34b821458c3388f4c7d551"),
        ("lifted_tensor_21", [32, 16, 2, 2], "14c2f6e1a2a2dc4ebeb48ea9aef8389b"),
        ("lifted_tensor_22", [16], "28215493c4e31a0131ea05d247a4b9e8"),
        ("lifted_tensor_23", [16, 32, 3, 3], "fd2ed09b8028bc1d47e49c1143568622"),
        ("lifted_tensor_24", [16], "44d2adecd8fab9c5d873000a21092011"),
        ("lifted_tensor_25", [16], "a83ebe1c92b78384552e3e6a079f3d1d"),
        ("lifted_tensor_26", [16], "778fdf926e3af9131913aba5a65314a1"),
        ("lifted_tensor_27", [16], "75bf5146e3bdd8b290620f8b5cabcf5a"),
        ("lifted_tensor_28", [16], "2b26a28e0c1cf09d2d35ac14cf4657ca"),
        ("lifted_tensor_29", [16, 8, 2, 2], "98ddf3747467e1873a2212126033f2b2"),
        ("lifted_tensor_30", [8], "cf3da442eefa4ea7da53d2f59b8dfa5b"),
        ("lifted_tensor_31", [8, 16, 3, 3], "067e31a75861ce5ca6ce4ce2ffd4d319"),
        ("lifted_tensor_32", [8], "ff6129be5ed0e024a14d86d37e429250"),
        ("lifted_tensor_33", [8], "ff42e5caa3af9532d46c46bc0a43a220"),
        ("lifted_tensor_34", [8], "d09941508f76ae34b1b337e4f6c8a998"),
        ("lifted_tensor_35", [8], "fc244103df531ea740c69e9074a3f423"),
        ("lifted_tensor_36", [8], "34f01547b6ee31c62112689b2d6d5160"),
        ("lifted_tensor_37", [1, 8, 1, 1], "33bf68874751bfac3b0aea480ea99a77"),
        ("lifted_tensor_38", [1], "0c5a8eaa723359ae527e12a4f869fb09"),
        ("lifted_tensor_39", [], "38fc9331271e16f0e5586a0fc993be00"),
    ];

    private static string ConstantMd5(Tensor t) => t.DType switch
    {
        DType.Float32 => Md5.HexOf(MemoryMarshal.AsBytes(t.F.AsSpan(0, t.Length))),
        DType.Int64 => Md5.HexOf(MemoryMarshal.AsBytes(t.L.AsSpan(0, t.Length))),
        _ => Md5.HexOf(t.B.AsSpan(0, t.Length)),
    };

    [Test]
    public async Task Open_G1_MetaAsInTheFile()
    {
        var meta = DcnmV2File.Open(SharedData.Data(G1)).Meta;
        await Assert.That(meta.Name).IsEqualTo("Test model for dcnum");
        await Assert.That(meta.Identifier).IsEqualTo("unet-dcnum-test_g1");
        await Assert.That(meta.FormatVersion).IsEqualTo("2.0");
        await Assert.That(meta.ImageShape!.SequenceEqual([64, 256])).IsTrue();
        await Assert.That(meta.BatchSize).IsEqualTo(10);
        await Assert.That(meta.Validation.Count).IsEqualTo(2);
        var chip = meta.Validation[0];
        await Assert.That((chip.Type, chip.Key, chip.AllowMissingKey, chip.Regexp, chip.RegexpNegate))
            .IsEqualTo(("meta", "setup:chip region", false, "^channel$", false));
        var logs = meta.Validation[1];
        await Assert.That((logs.Type, logs.Key, logs.AllowMissingKey, logs.RegexpNegate, logs.Reason))
            .IsEqualTo(("logs", "testing-fail", true, true, "measurement failed according to the logs"));
    }

    [Test]
    public async Task Open_G2_MetaAsInTheFile()
    {
        var meta = DcnmV2File.Open(SharedData.Data(G2)).Meta;
        await Assert.That(meta.Identifier).IsEqualTo("unet-dcnum-test_g2");
        await Assert.That(meta.ImageShape!.SequenceEqual([80, 320])).IsTrue();
        await Assert.That(meta.Validation.Count).IsEqualTo(3);
        await Assert.That(meta.Validation[1].Key).IsEqualTo("setup:channel width");
        await Assert.That(meta.Validation[1].Value!.Value.GetDouble()).IsEqualTo(20.0);
        await Assert.That(meta.Validation[2].Regexp).IsEqualTo("^ *\"date\": \"2024-05-07\",$");
    }

    [Test]
    public async Task MetaParse_V1Meta_HasPreprocessing()
    {
        // the same record reads a v1 (TorchScript) file's extra/dcnum_meta.json
        using var zip = ZipFile.OpenRead(SharedData.Data("unet-dcnum-test_g1_910c2.dcnm"));
        var entry = zip.Entries.Single(e => e.FullName.EndsWith("/extra/dcnum_meta.json", StringComparison.Ordinal));
        var meta = DcnmMeta.Parse(ReadAll(entry), "v1.dcnm");
        await Assert.That(meta.Preprocessing!.ImageShape!.SequenceEqual([64, 256])).IsTrue();
        await Assert.That(meta.Preprocessing.NormMean).IsEqualTo(0.487);
        await Assert.That(meta.Preprocessing.NormStd).IsEqualTo(0.084);
        await Assert.That(meta.Validation.Count).IsEqualTo(2);
    }

    [Test]
    public async Task MetaParse_Malformed_ClearError()
    {
        var ex = Assert.Throws<DcnumException>(() => DcnmMeta.Parse("{\"image_shape\": \"wide\"}"u8, "m.dcnm"));
        await Assert.That(ex.Message).StartsWith("m.dcnm: invalid dcnum_meta.json (");
    }

    [Test]
    [Arguments(G1, 0.487f, 0.084f)]
    [Arguments(G2, 0.362f, 0.0219f)]
    public async Task Open_Program_ConstantsAsInTheFile(string file, float mean, float std)
    {
        var program = DcnmV2File.Open(SharedData.Data(file)).Program;
        await Assert.That(program.SchemaVersion).IsEqualTo((8, 20));
        await Assert.That(program.InputName).IsEqualTo("images");
        await Assert.That(program.InputDType).IsEqualTo(DType.UInt8);
        await Assert.That(program.OutputName).IsEqualTo("ge");
        var constants = program.Constants;
        await Assert.That(constants.Count).IsEqualTo(s_g1Constants.Length);
        var wrong = new List<string>();
        for (int i = 0; i < constants.Count; i++)
        {
            var (name, shape, md5) = s_g1Constants[i];
            var c = constants[i];
            bool normalisation = name is "lifted_tensor_1" or "lifted_tensor_2";
            if (c.StoredName != name || c.GraphName != "c_" + name || c.Kind != "tensor_constant"
                || !c.Tensor.Shape.SequenceEqual(shape) || (!normalisation && ConstantMd5(c.Tensor) != md5))
                wrong.Add(name);
        }
        await Assert.That(string.Join(", ", wrong)).IsEqualTo("");
        // the graph's own preprocessing: x / 255 (int64) - mean, / std; threshold 0.5
        await Assert.That(constants[0].Tensor.L[0]).IsEqualTo(255L);
        await Assert.That(constants[1].Tensor.F[0]).IsEqualTo(mean);
        await Assert.That(constants[2].Tensor.F[0]).IsEqualTo(std);
        await Assert.That(constants[39].Tensor.F[0]).IsEqualTo(0.5f);
    }

    [Test]
    public async Task Open_Program_NodesInGraphOrder()
    {
        var nodes = DcnmV2File.Open(SharedData.Data(G1)).Program.Nodes;
        // python3: [n["target"] for n in model["graph_module"]["graph"]["nodes"]]: 44 nodes
        await Assert.That(nodes.Count).IsEqualTo(44);
        await Assert.That(nodes[0].Target).IsEqualTo("torch.ops.aten._assert_tensor_metadata.default");
        await Assert.That(nodes[1].Target).IsEqualTo("torch.ops.aten.to.dtype");
        await Assert.That(nodes.Count(n => n.Target == "torch.ops.aten.conv2d.default")).IsEqualTo(6);
        await Assert.That(nodes.Count(n => n.Target == "torch.ops.aten.conv_transpose2d.input")).IsEqualTo(2);
        await Assert.That(nodes[^1].Target).IsEqualTo("torch.ops.aten.ge.Tensor");
    }

    [Test]
    public async Task Open_V1File_SaysNoMagic()
    {
        string path = SharedData.Data("unet-dcnum-test_g1_910c2.dcnm");
        var ex = Assert.Throws<DcnumException>(() => DcnmV2File.Open(path));
        await Assert.That(ex.Message).IsEqualTo($"{path}: not a v2 .dcnm model file (it does not start with 'DCNM')");
    }

    [Test]
    public async Task Open_BadTrailer_SaysMd5()
    {
        using var dir = new TempDirectory("dcnm");
        var bytes = File.ReadAllBytes(SharedData.Data(G1));
        bytes[^1] = bytes[^1] == (byte)'0' ? (byte)'1' : (byte)'0';
        string path = Path.Combine(dir.Path, "trailer_cb45f.dcnm");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<DcnumException>(() => DcnmV2File.Open(path));
        await Assert.That(ex.Message).IsEqualTo($"{path}: md5 trailer does not match the content (the file is corrupt or truncated)");
    }

    [Test]
    public async Task Open_FlippedBodyByte_SaysMd5()
    {
        using var dir = new TempDirectory("dcnm");
        var bytes = File.ReadAllBytes(SharedData.Data(G1));
        bytes[bytes.Length / 2] ^= 0x40;
        string path = Path.Combine(dir.Path, "body.dcnm");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<DcnumException>(() => DcnmV2File.Open(path));
        await Assert.That(ex.Message).Contains("md5 trailer does not match");
    }

    [Test]
    [Arguments(20)]
    [Arguments(5000)]
    [Arguments(-1)]
    public async Task Open_Truncated_ClearError(int keep)
    {
        using var dir = new TempDirectory("dcnm");
        var bytes = File.ReadAllBytes(SharedData.Data(G1));
        string path = Path.Combine(dir.Path, "short.dcnm");
        File.WriteAllBytes(path, bytes.AsSpan(0, keep < 0 ? bytes.Length - 1 : keep).ToArray());
        var ex = Assert.Throws<DcnumException>(() => DcnmV2File.Open(path));
        await Assert.That(ex.Message).StartsWith(path + ": ");
        await Assert.That(ex.Message.Contains("truncated") || ex.Message.Contains("md5 trailer")).IsTrue();
        await Assert.That(ex.Message).DoesNotContain("\n");
    }

    [Test]
    public async Task Open_MissingFile_ClearError()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-model_00000.dcnm");
        var ex = Assert.Throws<DcnumException>(() => DcnmV2File.Open(path));
        await Assert.That(ex.Message).StartsWith($"{path}: cannot read the model file");
    }

    [Test]
    public async Task Open_UnknownOperator_NamesItAndTheFile()
    {
        using var dir = new TempDirectory("dcnm");
        string path = Path.Combine(dir.Path, "unknown-op.dcnm");
        File.WriteAllBytes(path, RewriteModelJson(File.ReadAllBytes(SharedData.Data(G1)),
            json => json.Replace("torch.ops.aten.sigmoid.default", "torch.ops.aten.hardsigmoid.default")));
        var ex = Assert.Throws<DcnumException>(() => DcnmV2File.Open(path));
        await Assert.That(ex.Message).IsEqualTo($"{path}: unsupported operator 'torch.ops.aten.hardsigmoid.default' in the model graph");
    }

    [Test]
    public async Task Open_RewrittenButValid_StillLoads()
    {
        // the rewriting helper itself keeps a model loadable (so the test above fails for the operator only)
        using var dir = new TempDirectory("dcnm");
        string path = Path.Combine(dir.Path, "same.dcnm");
        File.WriteAllBytes(path, RewriteModelJson(File.ReadAllBytes(SharedData.Data(G1)), json => json));
        await Assert.That(DcnmV2File.Open(path).Program.Nodes.Count).IsEqualTo(44);
    }

    /// <summary>A copy of a v2 file with its model.json edited: re-zipped .pt2 and container, new md5 trailer.</summary>
    internal static byte[] RewriteModelJson(byte[] dcnm, Func<string, string> edit)
    {
        var body = dcnm.AsSpan(0, dcnm.Length - 32).ToArray();
        "PK\x03\x04"u8.CopyTo(body);
        // dcnum's files end the zip with ASCII "32" as the comment length; there is no comment
        body[^2] = body[^1] = 0;
        using var outer = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);
        var rebuilt = new MemoryStream();
        using (var newOuter = new ZipArchive(rebuilt, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in outer.Entries)
            {
                byte[] data = ReadAll(entry);
                if (entry.FullName.EndsWith(".pt2", StringComparison.Ordinal))
                    data = RewritePt2(data, edit);
                using var s = newOuter.CreateEntry(entry.FullName).Open();
                s.Write(data);
            }
        }
        var bytes = rebuilt.ToArray();
        "DCNM"u8.CopyTo(bytes);
        return [.. bytes, .. Encoding.ASCII.GetBytes(Md5.HexOf(bytes))];
    }

    private static byte[] RewritePt2(byte[] pt2, Func<string, string> edit)
    {
        using var zip = new ZipArchive(new MemoryStream(pt2), ZipArchiveMode.Read);
        var result = new MemoryStream();
        using (var copy = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                byte[] data = ReadAll(entry);
                if (entry.FullName.EndsWith("/models/model.json", StringComparison.Ordinal))
                    data = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(data)));
                using var s = copy.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                s.Write(data);
            }
        }
        return result.ToArray();
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
