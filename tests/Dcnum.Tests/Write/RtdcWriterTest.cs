using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Write;
using PureHDF;
using PureHDF.VOL.Native;

using Dcnum.Tests.Support;

namespace Dcnum.Tests.Write;

public class RtdcWriterTest
{
    internal const int H = 80, W = 40;

    /// <summary>A file with every kind of content, appended in uneven pieces; returns what was written.</summary>
    internal static (byte[] Images, bool[] Masks, double[] Deform, long[] NEvents, uint[] Map, int[] Frame) WriteSample(string path, int events, WriterOptions? options = null)
    {
        var rng = new Random(5);
        var images = new byte[events * H * W];
        rng.NextBytes(images);
        var masks = new bool[events * H * W];
        for (int i = 0; i < masks.Length; i++)
            masks[i] = rng.Next(7) == 0;
        var deform = new double[events];
        var nevents = new long[events];
        var map = new uint[events];
        var frame = new int[events];
        for (int i = 0; i < events; i++)
        {
            deform[i] = rng.NextDouble() * 1e-3;
            nevents[i] = rng.Next(5);
            map[i] = (uint)(i * 3 + 4_000_000_000L % 7);
            frame[i] = i * 2 + 1;
        }
        if (events > 0)
            deform[events / 2] = double.NaN;
        using var writer = new RtdcWriter(path, options);
        int at = 0;
        if (events == 0)
        {
            // An empty output still declares its features (zero rows).
            writer.AppendImages("image", [], 0, H, W);
            writer.AppendMasks("mask", [], 0, H, W);
            writer.AppendScalar<double>("deform", []);
            writer.AppendScalar<long>("nevents", []);
            writer.AppendScalar<uint>("basinmap0", []);
            writer.AppendScalar<int>("frame", []);
        }
        foreach (int piece in new[] { 1, 37, 500, 3 })
        {
            int n = Math.Min(piece, events - at);
            if (n <= 0)
                break;
            writer.AppendImages("image", images.AsSpan(at * H * W, n * H * W), n, H, W);
            writer.AppendMasks("mask", masks.AsSpan(at * H * W, n * H * W), n, H, W);
            writer.AppendScalar<double>("deform", deform.AsSpan(at, n));
            writer.AppendScalar<long>("nevents", nevents.AsSpan(at, n));
            writer.AppendScalar<uint>("basinmap0", map.AsSpan(at, n));
            writer.AppendScalar<int>("frame", frame.AsSpan(at, n));
            at += n;
        }
        int rest = events - at;
        if (rest > 0)
        {
            writer.AppendImages("image", images.AsSpan(at * H * W), rest, H, W);
            writer.AppendMasks("mask", masks.AsSpan(at * H * W), rest, H, W);
            writer.AppendScalar<double>("deform", deform.AsSpan(at));
            writer.AppendScalar<long>("nevents", nevents.AsSpan(at));
            writer.AppendScalar<uint>("basinmap0", map.AsSpan(at));
            writer.AppendScalar<int>("frame", frame.AsSpan(at));
        }
        var backgrounds = new byte[2 * H * W];
        rng.NextBytes(backgrounds);
        writer.AppendImages("image_bg", backgrounds, 2, H, W, group: "basin_events");
        writer.StoreInternalBasin("background images", ["image_bg"], "Pipeline identifier: test", "basinmap0");
        writer.StoreFileBasin("dcnum basin", ["/abs/input.rtdc", "input.rtdc"], ["image", "frame"], "abc-123", "Created with dcnum-native", "basinmap0");
        writer.SetAttribute("experiment:event count", (long)events);
        writer.SetAttribute("imaging:pixel size", 0.2645);
        writer.SetAttribute("experiment:sample", "Größe µm");
        writer.SetAttribute("online_contour:no absdiff", true);
        writer.SetLog("dcnum-log-2026", ["00:00:00 INFO dcnum: start", "", new string('x', 300)]);
        writer.Commit();
        return (images, masks, deform, nevents, map, frame);
    }

    [Test]
    [Arguments(0, 5)]
    [Arguments(1, 5)]
    [Arguments(1000, 5)]
    [Arguments(2037, 5)]
    [Arguments(654, 5)] // exactly two image chunks of 327 rows
    [Arguments(2037, 0)] // -c none: raw chunks, Fletcher32 only
    [Arguments(326, 0)]
    [Arguments(2037, 1)]
    public async Task RoundTrip_OurReader_ReturnsWhatWasWritten(int events, int zstdLevel)
    {
        using var temp = new TempDirectory("dcnum-write-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "out.rtdc");
        var sample = WriteSample(path, events, new WriterOptions(zstdLevel));
        await Assert.That(Directory.GetFiles(dir).Length).IsEqualTo(1); // no temporaries left
        using var file = RtdcFile.Open(path);
        await Assert.That(file.FeatureLength("image")).IsEqualTo((long)events);
        var images = new byte[events * H * W];
        file.ReadFeatureRows<byte>("image", 0, events, images);
        await Assert.That(images.AsSpan().SequenceEqual(sample.Images)).IsTrue();
        var masks = new byte[events * H * W];
        file.ReadFeatureRows<byte>("mask", 0, events, masks);
        bool masksEqual = true;
        for (int i = 0; i < masks.Length; i++)
            masksEqual &= masks[i] == (sample.Masks[i] ? 255 : 0);
        await Assert.That(masksEqual).IsTrue();
        double[] deform = file.ReadScalar("deform");
        await Assert.That(deform.Length).IsEqualTo(events);
        for (int i = 0; i < events; i++)
            await Assert.That(deform[i].Equals(sample.Deform[i])).IsTrue();
        await Assert.That(file.ReadInt64("nevents").SequenceEqual(sample.NEvents)).IsTrue();
        await Assert.That(file.ReadInt64("frame").SequenceEqual(sample.Frame.Select(f => (long)f))).IsTrue();
        await Assert.That(file.Features.Single(f => f.Name == "basinmap0").DType).IsEqualTo("uint32");
        await Assert.That(file.Features.Single(f => f.Name == "frame").DType).IsEqualTo("int32");
        await Assert.That(file.Attributes["imaging:pixel size"].Float).IsEqualTo(0.2645);
        await Assert.That(file.Attributes["experiment:event count"].Integer).IsEqualTo((long)events);
        await Assert.That(file.AttributeText("experiment:sample")).IsEqualTo("Größe µm");
        string[] log = file.ReadLog("dcnum-log-2026");
        await Assert.That(log.Length).IsEqualTo(3);
        await Assert.That(log[2].Length).IsEqualTo(300);
        await Assert.That(file.Basins.Count).IsEqualTo(2);
        await Assert.That(file.Basins[0].Name).IsEqualTo("background images");
        await Assert.That(file.Basins[1].Identifier).IsEqualTo("abc-123");
    }

    [Test]
    public async Task Layout_ChunksAndFilters_FollowDcnum()
    {
        using var temp = new TempDirectory("dcnum-write-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "out.rtdc");
        WriteSample(path, 2037);
        using var h5 = H5File.OpenRead(path);
        var events = h5.Group("events");
        var image = (NativeDataset)events.Dataset("image");
        // 1 MiB / (80×40 bytes) = 327 rows; scalars 1000 rows (dcnum's get_best_nd_chunks)
        await Assert.That(image.Layout.Chunks[0]).IsEqualTo(327UL);
        await Assert.That(((NativeDataset)events.Dataset("deform")).Layout.Chunks[0]).IsEqualTo(1000UL);
        await Assert.That(ChunkRule.Rows(80 * 400)).IsEqualTo(32);
        await Assert.That(ChunkRule.Rows(80 * 320)).IsEqualTo(40);
        await Assert.That(ChunkRule.Rows(8)).IsEqualTo(1000);
        await Assert.That(image.Attribute("CLASS").Read<string>()).IsEqualTo("IMAGE");
        await Assert.That(image.Attribute("IMAGE_SUBCLASS").Read<string>()).IsEqualTo("IMAGE_GRAYSCALE");
    }

    [Test]
    public async Task Basins_KeyIsMd5OfPythonJson()
    {
        // The reference output's internal basin: dataset name fc2d47a17edd222fbcf2fa0d156b02cc.
        using var temp = new TempDirectory("dcnum-write-");
        string dir = temp.Path;
        using var writer = new RtdcWriter(Path.Combine(dir, "x.rtdc"));
        string key = writer.StoreInternalBasin("background images", ["image_bg"],
            "Pipeline identifier: sparsemed:k=200^s=1^t=0^f=0.8^o=1", "basinmap1");
        await Assert.That(key).IsEqualTo("fc2d47a17edd222fbcf2fa0d156b02cc");
    }

    [Test]
    public async Task Dispose_WithoutCommit_LeavesNothing()
    {
        using var temp = new TempDirectory("dcnum-write-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "out.rtdc");
        using (var writer = new RtdcWriter(path))
        {
            writer.AppendImages("image", new byte[3 * H * W], 3, H, W);
            await Assert.That(Directory.GetFiles(dir).Length).IsGreaterThan(0);
        }
        await Assert.That(Directory.GetFiles(dir).Length).IsEqualTo(0);
    }

    [Test]
    [Arguments(5)]
    [Arguments(0)]
    public async Task SpoolChangedBeforeCommit_CommitFailsNamingTheOutput_LeavesNothing(int zstdLevel)
    {
        using var temp = new TempDirectory("dcnum-write-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "out.rtdc");
        var rng = new Random(1);
        // 12 chunks of 327 rows: more than the store keeps in flight, so the first ones are on disk.
        var images = new byte[12 * 327 * H * W];
        rng.NextBytes(images);
        using (var writer = new RtdcWriter(path, new WriterOptions(zstdLevel, CompressionThreads: 2)))
        {
            writer.AppendImages("image", images, 12 * 327, H, W);
            string spool = Directory.GetFiles(dir, ".out_spool_*").Single();
            await Assert.That(new FileInfo(spool).Length).IsGreaterThan(1000);
            // Another process damages the spool (advisory locks do not stop it): one byte of the first chunk.
            var r = await DcnumBinary.RunAsync("bash", ["-c", $"printf 'X' | dd of='{spool}' bs=1 seek=100 conv=notrunc status=none"]);
            await Assert.That(r.ExitCode).IsEqualTo(0);
            var ex = Assert.Throws<DcnumException>(() => writer.Commit());
            await Assert.That(ex.Message).StartsWith(path);
            await Assert.That(ex.Message).Contains("chunk store changed");
        }
        await Assert.That(Directory.GetFiles(dir).Length).IsEqualTo(0);
    }

    [Test]
    public async Task UnequalFeatureLengths_CommitFailsAndLeavesNothing()
    {
        using var temp = new TempDirectory("dcnum-write-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "out.rtdc");
        using (var writer = new RtdcWriter(path))
        {
            writer.AppendScalar<double>("deform", new double[3]);
            writer.AppendScalar<double>("area_um", new double[2]);
            Assert.Throws<InvalidOperationException>(() => writer.Commit());
        }
        await Assert.That(Directory.GetFiles(dir).Length).IsEqualTo(0);
    }

    [Test]
    public async Task ExistingOutput_IsRefusedUnlessOverwrite()
    {
        using var temp = new TempDirectory("dcnum-write-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "out.rtdc");
        await File.WriteAllTextAsync(path, "keep me");
        var ex = Assert.Throws<DcnumException>(() => new RtdcWriter(path).Dispose());
        await Assert.That(ex.Message).StartsWith(path);
        WriteSample(path, 5, new WriterOptions(Overwrite: true));
        using var file = RtdcFile.Open(path);
        await Assert.That(file.FeatureLength("deform")).IsEqualTo(5L);
    }

    [Test]
    public async Task UnwritableFolder_IsOneLineErrorNamingTheOutput()
    {
        string path = Path.Combine("/proc", "dcnum-cannot-write-here", "out.rtdc");
        var ex = Assert.Throws<DcnumException>(() => new RtdcWriter(path).Dispose());
        await Assert.That(ex.Message).StartsWith(path);
        string readOnly = Path.Combine("/proc/self", "out.rtdc");
        var ex2 = Assert.Throws<DcnumException>(() => new RtdcWriter(readOnly).Dispose());
        await Assert.That(ex2.Message).Contains("cannot write");
    }
}
