using Dcnum.Cli;
using Dcnum.Demo;
using Dcnum.Labels;
using Dcnum.Read;
using Dcnum.Segmentation;

using Dcnum.Tests.Support;

namespace Dcnum.Tests.Demo;

public class DemoCommandTest
{
    [Test]
    public async Task Demo_WritesReadableMeasurement_AndReRunsSafely()
    {
        using var temp = new TempDirectory("dcnum-demo-");
        string dir = temp.Path;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["demo", dir, "--frames", "150"], stdout, stderr);
        await Assert.That(stderr.ToString()).IsEqualTo("");
        await Assert.That(rc).IsEqualTo(0);
        string path = Path.Combine(dir, "demo.rtdc");
        using (var processed = RtdcFile.Open(Path.Combine(dir, "demo_dcn.rtdc")))
        {
            // The demo's cells are found and measured: a few per frame, with plausible sizes.
            long events = processed.EventCount;
            await Assert.That(events).IsGreaterThan(50L);
            await Assert.That(events).IsLessThan(150L * 6);
            double[] area = processed.ReadScalar("area_um");
            await Assert.That(area.Average()).IsGreaterThan(15.0);   // radii 7–13 px (× up to 1.5 along x) at 0.34 µm/px
            await Assert.That(area.Average()).IsLessThan(120.0);
            await Assert.That(processed.AttributeText("pipeline:dcnum generation")).IsEqualTo("13");
        }
        using (var file = RtdcFile.Open(path))
        {
            await Assert.That(file.EventCount).IsEqualTo(150L);
            await Assert.That(file.ImageShape).IsEqualTo((80, 250));
            await Assert.That(file.ReadScalar("time")[149]).IsEqualTo(149 / 2000.0);
        }
        // a second run replaces the demo's own file
        await Assert.That(CommandLine.Run(["demo", dir, "--frames", "150"], new StringWriter(), new StringWriter())).IsEqualTo(0);
        // but never a foreign file
        string foreign = Path.Combine(dir, "other");
        Directory.CreateDirectory(foreign);
        await File.WriteAllTextAsync(Path.Combine(foreign, "demo.rtdc"), "user data");
        var err = new StringWriter();
        await Assert.That(CommandLine.Run(["demo", foreign], new StringWriter(), err)).IsEqualTo(1);
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(foreign, "demo.rtdc"))).IsEqualTo("user data");
        await Assert.That(err.ToString()).Contains("exists already");
    }

    // The synthetic cells must be found by dcnum's own segmentation: threshold −6 against the
    // median background, 8-connected labels, default mask processing, masks > 10 px.
    [Test]
    public async Task SyntheticCells_AreSegmentedByTheThresholdPipeline()
    {
        var m = new SyntheticMeasurement(200);
        int h = m.Height, w = m.Width, size = h * w;
        var frames = new byte[m.Frames * size];
        for (int i = 0; i < m.Frames; i++)
            m.RenderFrame(i, frames.AsSpan(i * size, size));
        var background = new byte[size];
        var column = new byte[m.Frames];
        for (int p = 0; p < size; p++)
        {
            for (int i = 0; i < m.Frames; i++)
                column[i] = frames[i * size + p];
            Array.Sort(column);
            background[p] = column[m.Frames / 2];
        }
        var corr = new short[size];
        var mask = new bool[size];
        var labels = new ushort[size];
        var scratch = new LabelScratch(h, w);
        var kept = new LabelBox[ushort.MaxValue];
        var gateScratch = new MaskGateScratch();
        int events = 0, framesWithCells = 0;
        for (int i = 0; i < m.Frames; i++)
        {
            for (int p = 0; p < size; p++)
                corr[p] = (short)(frames[i * size + p] - background[p]);
            ThresholdSegmenter.Segment(corr, 0.0, mask, -6);
            ConnectedComponents.Label8(mask, labels, h, w, scratch);
            int max = LabelProcessor.Process(labels, h, w, MaskSettings.Default, scratch);
            int n = MaskGate.KeptLabels(labels, w, max, MaskGate.DefaultSizeThreshMask, gateScratch, kept);
            events += n;
            framesWithCells += n > 0 ? 1 : 0;
        }
        // Each cell crosses the channel in ~30 frames; some enter or leave at the border.
        await Assert.That(events).IsGreaterThan(m.CellCount * 5);
        await Assert.That(framesWithCells).IsGreaterThan(m.Frames / 2);
        await Assert.That(events).IsLessThan(m.Frames * 6);
    }
}
