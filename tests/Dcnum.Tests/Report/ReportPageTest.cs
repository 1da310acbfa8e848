using System.Xml;
using System.Xml.Linq;
using Dcnum.Read;
using Dcnum.Report;
using Dcnum.Report.Plots;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Report;

/// <summary>The page builder and its parts: empty files, sampling, PNG encoding, contours, ticks, words, logs.</summary>
public class ReportPageTest
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XDocument Parse(string html)
        => XDocument.Load(XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));

    [Test]
    public async Task Build_NoEvents_SaysSoInsteadOfPlots()
    {
        var data = new ReportData
        {
            Path = "/data/empty_dcn.rtdc",
            Events = 0,
            Pipeline = [("generation", "13"), ("hash", "0123456789abcdef0123456789abcdef"), ("yield", "0")],
        };
        string html = ReportPage.Build(data);
        XDocument page = Parse(html);
        XElement empty = page.Descendants().Single(e => (string?)e.Attribute("id") == "no-events");
        await Assert.That(empty.Value).Contains("no events");
        await Assert.That(page.Descendants(Svg + "svg").Count()).IsEqualTo(0);
        await Assert.That(page.Descendants().Any(e => (string?)e.Attribute("id") == "montage")).IsFalse();
        await Assert.That(page.Descendants().Single(e => (string?)e.Attribute("id") == "n-events").Value).IsEqualTo("0");

        using var temp = new TempDirectory("dcnum-report-empty-");
        string path = Path.Combine(temp.Path, "empty.html");
        await File.WriteAllTextAsync(path, html);
        var tidy = await DcnumBinary.RunAsync(Chromium.Tidy, ["-q", "-e", path]);
        await Assert.That(tidy.StdErr + tidy.StdOut).IsEqualTo("");
        await Assert.That(tidy.ExitCode).IsEqualTo(0);
    }

    [Test]
    public async Task Write_ZeroEventFileWithMissingBasin_NoEventsAndTheBasinNamedMissing()
    {
        using var temp = new TempDirectory("dcnum-report-zero-");
        string rtdc = Path.Combine(temp.Path, "zero_dcn.rtdc");
        using (var writer = new Dcnum.Write.RtdcWriter(rtdc))
        {
            writer.AppendImages("image", [], 0, 80, 400);
            writer.AppendMasks("mask", [], 0, 80, 400);
            foreach (string name in new[] { "area_um", "deform", "bright_avg" })
                writer.AppendScalar<double>(name, []);
            writer.AppendScalar<uint>("basinmap0", []);
            writer.StoreFileBasin("dcnum basin", ["/nowhere/input.rtdc", "input.rtdc"], ["frame"], "abc-123", "test", "basinmap0");
            writer.SetAttribute("experiment:event count", 0L);
            writer.SetAttribute("imaging:pixel size", 0.2645);
            writer.SetAttribute("pipeline:dcnum hash", "0123456789abcdef0123456789abcdef");
            writer.SetAttribute("pipeline:dcnum yield", 0L);
            writer.Commit();
        }
        string html = Path.Combine(temp.Path, "zero_dcn.html");
        ReportPage.Write(rtdc, html);
        XDocument page = Parse(await File.ReadAllTextAsync(html));
        string Id(string id) => page.Descendants().Single(e => (string?)e.Attribute("id") == id).Value;
        await Assert.That(Id("n-events")).IsEqualTo("0");
        await Assert.That(Id("no-events")).Contains("no events");
        await Assert.That(Id("ppid-hash")).IsEqualTo("0123456789abcdef0123456789abcdef");
        await Assert.That(Id("warnings")).Contains("basin 'dcnum basin' not found");
        await Assert.That(page.Descendants(Svg + "svg").Count()).IsEqualTo(0);
        await Assert.That(Directory.GetFiles(temp.Path).Select(f => Path.GetFileName(f)!).Order().ToArray())
            .IsEquivalentTo(new[] { "zero_dcn.html", "zero_dcn.rtdc" }); // no temporary left
    }

    [Test]
    public async Task Report_ZeroEventMeasurement_NoEventsValidPage()
    {
        // data/M001_data.rtdc: a real measurement without events (features of length 0).
        using var temp = new TempDirectory("dcnum-report-m001-");
        string html = Path.Combine(temp.Path, "M001.html");
        var run = await DcnumBinary.RunAsync("report", SharedData.Data("M001_data.rtdc"), "-o", html);
        await Assert.That(run.StdErr).IsEqualTo("");
        await Assert.That(run.ExitCode).IsEqualTo(0);
        XDocument page = Parse(await File.ReadAllTextAsync(html));
        string Id(string id) => page.Descendants().Single(e => (string?)e.Attribute("id") == id).Value;
        await Assert.That(Id("n-events")).IsEqualTo("0");
        await Assert.That(Id("no-events")).Contains("no events");
        await Assert.That(Id("warnings")).Contains("not made by dcnum");
        var tidy = await DcnumBinary.RunAsync(Chromium.Tidy, ["-q", "-e", html]);
        await Assert.That(tidy.StdErr + tidy.StdOut).IsEqualTo("");
    }

    [Test]
    public async Task Build_ManyEvents_DrawsTheStatedSample()
    {
        const int n = 25_000;
        var rng = new Random(7);
        var area = new double[n];
        var deform = new double[n];
        for (int i = 0; i < n; i++)
        {
            area[i] = 20 + 60 * rng.NextDouble();
            deform[i] = 0.3 * rng.NextDouble();
        }
        deform[5] = double.NaN;
        XDocument page = Parse(ReportPage.Build(new ReportData { Path = "/x/many_dcn.rtdc", Events = n, Area = area, Deform = deform, Brightness = area }));
        XElement points = page.Descendants().Single(e => (string?)e.Attribute("id") == "scatter-points");
        await Assert.That(points.Descendants(Svg + "circle").Count()).IsEqualTo(ScatterPlot.MaxPoints);
        string caption = page.Descendants().Single(e => (string?)e.Attribute("id") == "scatter-caption").Value;
        await Assert.That(caption).Contains($"{ScatterPlot.MaxPoints} of {n - 1} events (an evenly spaced sample");
        await Assert.That(caption).Contains("1 events without a finite area or deformation are left out");
        await Assert.That(page.Descendants(Svg + "svg").Count()).IsEqualTo(4); // scatter + 3 histograms
    }

    [Test]
    public async Task Scatter_DensityColours_ClusterYellowLonePointDark()
    {
        var x = new double[201];
        var y = new double[201];
        for (int i = 0; i < 200; i++)
            (x[i], y[i]) = (1 + 0.01 * (i % 10), 1 + 0.01 * (i / 10));
        (x[200], y[200]) = (10, 10);
        var svg = new System.Text.StringBuilder();
        ScatterPlot.Summary s = ScatterPlot.Draw(svg, x, y, "x", "y", 400, 300);
        await Assert.That((s.Finite, s.Drawn)).IsEqualTo((201, 201));
        XElement root = XElement.Parse(svg.ToString());
        var circles = root.Descendants(Svg + "circle").ToList();
        XElement lone = circles.MaxBy(c => double.Parse((string)c.Attribute("cx")!, System.Globalization.CultureInfo.InvariantCulture))!;
        await Assert.That((string?)lone.Parent!.Attribute("fill")).IsEqualTo(Colormap.Hex(0));
        await Assert.That(circles.Count(c => (string?)c.Parent!.Attribute("fill") == Colormap.Hex(1))).IsGreaterThan(0);
        await Assert.That(Colormap.Hex(0)).IsEqualTo("#440154");
        await Assert.That(Colormap.Hex(1)).IsEqualTo("#fde725");
    }

    [Test]
    public async Task PngEncoder_GrayAndPalette_DecodeToTheSamePixels()
    {
        var rng = new Random(3);
        const int h = 37, w = 53;
        var gray = new byte[h * w];
        rng.NextBytes(gray);
        PngImage.Decoded g = PngImage.Read(PngEncoder.Gray(gray, h, w), "gray");
        await Assert.That((g.Height, g.Width, g.Channels)).IsEqualTo((h, w, 1));
        await Assert.That(g.Pixels.SequenceEqual(gray)).IsTrue();

        var indices = gray.Select(b => (byte)(b % 3)).ToArray();
        byte[] palette = [10, 20, 30, 40, 50, 60, 70, 80, 90];
        PngImage.Decoded p = PngImage.Read(PngEncoder.Indexed(indices, h, w, palette), "palette");
        await Assert.That(p.Pixels.SequenceEqual(indices)).IsTrue();
        await Assert.That(p.Palette!.SequenceEqual(palette)).IsTrue();
    }

    [Test]
    public async Task Montage_Square_ContourIsItsBoundaryOnly()
    {
        const int h = 40, w = 60;
        var image = Enumerable.Repeat((byte)100, h * w).ToArray();
        var mask = new byte[h * w];
        for (int y = 15; y < 25; y++)
            for (int x = 30; x < 40; x++)
                mask[y * w + x] = 1;
        MontageTile tile = EventMontage.Render(7, image, mask, h, w);
        PngImage.Decoded d = PngImage.Read(tile.Png, "tile");
        await Assert.That((d.Height, d.Width)).IsEqualTo((40, 60)); // the frame is smaller than a tile
        await Assert.That(d.Pixels.Count(v => v == 255)).IsEqualTo(36); // 10 × 10 square: 4·10 − 4 boundary pixels
        await Assert.That(d.Pixels[20 * w + 35]).IsNotEqualTo((byte)255);  // inside
        await Assert.That(d.Pixels[15 * w + 30]).IsEqualTo((byte)255);     // corner
        await Assert.That(d.Palette![3 * d.Pixels[0]]).IsEqualTo((byte)100); // grey kept
    }

    [Test]
    public async Task PickEvents_SpreadOverTheMeasurement()
    {
        await Assert.That(EventMontage.PickEvents(0)).IsEmpty();
        await Assert.That(EventMontage.PickEvents(3)).IsEquivalentTo(new long[] { 0, 1, 2 });
        long[] picks = EventMontage.PickEvents(3369);
        await Assert.That(picks.Length).IsEqualTo(24);
        await Assert.That(picks[0]).IsEqualTo(0);
        await Assert.That(picks[^1]).IsEqualTo(3368);
    }

    [Test]
    public async Task AxisTicks_NiceSteps()
    {
        AxisTicks d = AxisTicks.For(0.03, 0.47, 5);
        await Assert.That(d.Values.Select(d.Label).ToArray()).IsEquivalentTo(new[] { "0.0", "0.1", "0.2", "0.3", "0.4", "0.5" });
        AxisTicks a = AxisTicks.For(3.1, 118, 6);
        await Assert.That(a.Values.Select(a.Label).ToArray()).IsEquivalentTo(new[] { "0", "20", "40", "60", "80", "100", "120" });
        AxisTicks one = AxisTicks.For(5, 5);
        await Assert.That(one.Min).IsLessThan(5);
        await Assert.That(one.Max).IsGreaterThan(5);
    }

    [Test]
    public async Task PipelineWords_DescribeDcnumsIdentifiers()
    {
        await Assert.That(PipelineWords.Describe("thresh:t=-6:cle=1^f=1^clo=2"))
            .IsEqualTo("threshold segmentation: threshold -6, clear border on, fill holes on, closing disk 2 px");
        await Assert.That(PipelineWords.Describe("hdf:p=0.2645^i=0")).IsEqualTo("HDF5 data: pixel size 0.2645 µm, all events");
        await Assert.That(PipelineWords.Describe("rollmed:k=100^b=10000")).IsEqualTo("rolling median background: kernel size 100, batch size 10000");
        await Assert.That(PipelineWords.Describe("torchmpo:m=unet-dcnum-test_g1_910c2.dcnm:cle=1^f=1^clo=0"))
            .IsEqualTo("machine-learning segmentation (torch model, worker processes): model unet-dcnum-test_g1_910c2.dcnm, clear border on, fill holes on, closing disk 0 px");
        await Assert.That(PipelineWords.Describe("future:x=1")).IsEqualTo("future:x=1");
    }

    [Test]
    public async Task RunLogs_GoldenLog_FramesDurationRate()
    {
        using RtdcFile file = RtdcFile.Open(SharedData.Golden("bench_2000__tap_dcn.rtdc"));
        RunLogs logs = RunLogs.From(file.Logs);
        using RtdcFile input = RtdcFile.Open(SharedData.Data("bench_2000.rtdc"));
        await Assert.That(logs.Frames).IsEqualTo(input.FeatureLength("image"));
        await Assert.That(logs.Duration).IsEqualTo(TimeSpan.FromSeconds(12));
        await Assert.That(logs.RateText).IsEqualTo("167 frames/s");
        await Assert.That(logs.BasinStrategy).IsEqualTo("tap");
        await Assert.That(logs.Version).IsEqualTo("dcnum 0.31.0");
        await Assert.That(logs.Warnings).IsEmpty();

        using RtdcFile cyto = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"));
        RunLogs withWarning = RunLogs.From(cyto.Logs);
        await Assert.That(withWarning.Warnings.Count).IsEqualTo(1);
        await Assert.That(withWarning.Warnings[0]).Contains("kernel size 200 is too large");
    }
}
