using System.IO.Compression;
using System.Security.Cryptography;
using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary>
/// g1's data.pkl and TorchScript sources with random byte overwrites (fixed seeds), re-zipped and
/// named with their MD5 suffix: <c>info</c> either describes the model or fails with one line
/// naming the file; never an unexpected exception (which would print its type instead).
/// </summary>
public class ModelFuzzTest
{
    [Test]
    public async Task MutatedArchives_LoadOrFailWithOneLineNamingTheFile()
    {
        using var temp = new TempDirectory("dcnum-model-fuzz-");
        using var source = ZipFile.OpenRead(SharedData.Data("unet-dcnum-test_g1_910c2.dcnm"));
        var entries = source.Entries.Select(e =>
        {
            using var m = new MemoryStream();
            using (Stream s = e.Open())
                s.CopyTo(m);
            return (e.FullName, Data: m.ToArray());
        }).ToList();
        string[] targets = ["input/data.pkl", "input/code/__torch__/torch/nn/modules/conv/___torch_mangle_0.py", "input/extra/dcnum_meta.json"];
        var failures = new List<string>();
        int loaded = 0, refused = 0;
        for (int seed = 0; seed < 300; seed++)
        {
            var rng = new Random(seed);
            string target = targets[seed % targets.Length];
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, data) in entries)
                {
                    byte[] bytes = data;
                    if (name == target)
                    {
                        bytes = (byte[])data.Clone();
                        for (int k = rng.Next(1, 4); k > 0; k--)
                            bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                    }
                    using Stream s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                    s.Write(bytes);
                }
            }
            byte[] file = buffer.ToArray();
            string path = Path.Combine(temp.Path, $"fuzz{seed}_{Convert.ToHexStringLower(MD5.HashData(file))[..5]}.dcnm");
            File.WriteAllBytes(path, file);
            var stderr = new StringWriter();
            int rc = CommandLine.Run(["info", path], new StringWriter(), stderr);
            if (rc == 0)
                loaded++;
            else if (rc == 1 && stderr.ToString().StartsWith($"dcnum: error: {path}: ", StringComparison.Ordinal) && stderr.ToString().Count(c => c == '\n') == 1)
                refused++;
            else
                failures.Add($"seed {seed} ({target}): exit {rc}: {stderr.ToString().Trim()}");
        }
        await Assert.That(string.Join("\n", failures)).IsEqualTo("");
        await Assert.That(refused).IsGreaterThan(30);
    }
}
