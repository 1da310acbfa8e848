using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Read;

/// <summary>Corrupt or cut files fail with one clear error naming the file, never with garbage.</summary>
public class RtdcFileCorruptionTest
{
    private static string CopyToTemp(string source, TempDirectory temp)
    {
        string path = Path.Combine(temp.Path, "copy.rtdc");
        File.Copy(source, path);
        return path;
    }

    private static void ReadEverything(string path)
    {
        using var file = RtdcFile.Open(path);
        foreach (FeatureInfo f in file.Features)
        {
            int rowSize = 1;
            for (int d = 1; d < f.Shape.Count; d++)
                rowSize *= (int)f.Shape[d];
            int rows = (int)f.Shape[0];
            switch (f.DType)
            {
                case "uint8" or "bool":
                    file.ReadFeatureRows<byte>(f.Name, 0, rows, new byte[rows * rowSize]);
                    break;
                default:
                    if (f.Shape.Count == 1)
                        file.ReadScalar(f.Name);
                    break;
            }
        }
        _ = file.Logs;
        _ = file.Attributes;
    }

    [Test]
    public async Task FlippedByteInImageChunk_FailsNamingFletcher32DatasetAndChunk()
    {
        using var temp = new TempDirectory("dcnum-corrupt-");
        string path = CopyToTemp(SharedData.Data("cytoshot-test-data.rtdc"), temp);
        byte[] bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF; // inside the zstd-compressed image chunk (h5py: image data spans the middle)
        await File.WriteAllBytesAsync(path, bytes);
        var ex = Assert.Throws<DcnumException>(() => ReadEverything(path));
        await Assert.That(ex.Message).Contains(path);
        await Assert.That(ex.Message).Contains("Fletcher32");
        await Assert.That(ex.Message).Contains("'image'");
        await Assert.That(ex.Message).Contains("chunk");
    }

    [Test]
    public async Task RandomBitFlips_NeverReturnSilentGarbage()
    {
        // Flip single bits at seeded random offsets; each read either fails with a DcnumException or
        // returns exactly the original images (the flip hit padding or an unused byte).
        string source = SharedData.Data("cytoshot-test-data.rtdc");
        var original = new byte[40 * 80 * 400];
        using (var f = RtdcFile.Open(source))
            f.ReadFeatureRows<byte>("image", 0, 40, original);
        byte[] pristine = await File.ReadAllBytesAsync(source);
        var rng = new Random(1234);
        int failures = 0, identical = 0;
        using var temp = new TempDirectory("dcnum-flip-");
        string dir = temp.Path;
        for (int k = 0; k < 40; k++)
        {
            byte[] bytes = (byte[])pristine.Clone();
            int at = rng.Next(bytes.Length);
            bytes[at] ^= (byte)(1 << rng.Next(8));
            string path = Path.Combine(dir, $"flip{k}.rtdc");
            await File.WriteAllBytesAsync(path, bytes);
            try
            {
                using var f = RtdcFile.Open(path);
                var images = new byte[original.Length];
                f.ReadFeatureRows<byte>("image", 0, 40, images);
                await Assert.That(images.AsSpan().SequenceEqual(original)).IsTrue();
                identical++;
            }
            catch (DcnumException ex)
            {
                await Assert.That(ex.Message).StartsWith(path);
                failures++;
            }
        }
        await Assert.That(failures + identical).IsEqualTo(40);
        await Assert.That(failures).IsGreaterThan(0);
    }

    [Test]
    [Arguments(0.0)]
    [Arguments(0.001)]
    [Arguments(0.1)]
    [Arguments(0.5)]
    [Arguments(0.9)]
    [Arguments(0.999)]
    public async Task Truncated_AnyOffset_IsRefusedAtOpen(double fraction)
    {
        using var temp = new TempDirectory("dcnum-corrupt-");
        string path = CopyToTemp(SharedData.Data("cytoshot-test-data.rtdc"), temp);
        byte[] bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes.AsSpan(0, (int)(bytes.Length * fraction)).ToArray());
        var ex = Assert.Throws<DcnumException>(() => RtdcFile.Open(path).Dispose());
        await Assert.That(ex.Message).StartsWith(path);
        await Assert.That(ex.Message.Contains("truncated") || ex.Message.Contains("empty") || ex.Message.Contains("not an HDF5")).IsTrue();
    }

    [Test]
    public async Task Missing_Directory_NotHdf5_AreOneLineErrors()
    {
        using var temp = new TempDirectory("dcnum-bad-");
        string dir = temp.Path;
        string text = Path.Combine(dir, "text.rtdc");
        await File.WriteAllTextAsync(text, "hello, not HDF5");
        foreach (string path in new[] { Path.Combine(dir, "nope.rtdc"), dir, text })
        {
            var ex = Assert.Throws<DcnumException>(() => RtdcFile.Open(path).Dispose());
            await Assert.That(ex.Message).StartsWith(path);
            await Assert.That(ex.Message.Contains('\n')).IsFalse();
        }
    }
}
