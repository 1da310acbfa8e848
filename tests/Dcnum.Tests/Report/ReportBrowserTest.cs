using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Report;

/// <summary>
/// <c>dcnum report</c> on goldens through the AOT binary: the page is well-formed XML and valid
/// HTML (HTML Tidy reports nothing), Chromium renders it (the screenshot is neither blank nor
/// monochrome, and shows the contour colour), the scatter holds one circle per event, and the
/// numbers on the page are the file's (read with h5py, independently of our reader).
/// With DCNUM_SCREENSHOT_DIR set, the tap golden's screenshot is kept there as report-screenshot.png
/// (README's docs/report-screenshot.png is made so).
/// </summary>
public class ReportBrowserTest
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static IEnumerable<(string Golden, string Input)> Goldens() =>
    [
        ("cytoshot-test-data__default_dcn.rtdc", "cytoshot-test-data.rtdc"), // drain: images in the file
        ("bench_2000__tap_dcn.rtdc", "bench_2000.rtdc"),                     // tap: images from the basin ../data/bench_2000.rtdc
    ];

    [Test]
    [MethodDataSource(nameof(Goldens))]
    [NotInParallel("report-browser")] // one Chromium at a time (2 cores); h5-interop's set-up is not safe to run twice at once
    public async Task Report_Golden_ValidPageRenderedWithTheFilesNumbers(string golden, string input)
    {
        using var temp = new TempDirectory("dcnum-report-");
        string html = Path.Combine(temp.Path, Path.ChangeExtension(golden, ".html"));
        var run = await DcnumBinary.RunAsync("report", SharedData.Golden(golden), "-o", html);
        await Assert.That(run.StdErr).IsEqualTo("");
        await Assert.That(run.ExitCode).IsEqualTo(0);
        await Assert.That(new FileInfo(html).Length).IsLessThanOrEqualTo(1_000_000);

        // Well-formed (parses as XML) and valid HTML (tidy: exit 0 = neither errors nor warnings).
        XDocument page = XDocument.Load(XmlReader.Create(html, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        var tidy = await DcnumBinary.RunAsync(Chromium.Tidy, ["-q", "-e", html]);
        await Assert.That(tidy.StdErr + tidy.StdOut).IsEqualTo("");
        await Assert.That(tidy.ExitCode).IsEqualTo(0);
        string text = File.ReadAllText(html);
        await Assert.That(text.Contains("<script", StringComparison.OrdinalIgnoreCase)).IsFalse();
        await Assert.That(NoExternalReference(text)).IsTrue();

        // The file's numbers, read with h5py.
        using var facts = JsonDocument.Parse(await H5py(temp.Path, SharedData.Golden(golden), SharedData.Data(input)));
        JsonElement f = facts.RootElement;
        long events = f.GetProperty("events").GetInt64();
        await Assert.That(Id(page, "n-events")).IsEqualTo(events.ToString());
        await Assert.That(Id(page, "n-frames")).IsEqualTo(f.GetProperty("frames").GetInt64().ToString());
        await Assert.That(Id(page, "yield")).IsEqualTo(f.GetProperty("yield").GetInt64().ToString());
        foreach (string key in new[] { "generation", "data", "background", "segmenter", "feature", "gate", "hash" })
            await Assert.That(Id(page, "ppid-" + key)).IsEqualTo(f.GetProperty(key).GetString());

        // One circle per event in the scatter (all goldens are below the sampling limit).
        XElement points = page.Descendants().Single(e => (string?)e.Attribute("id") == "scatter-points");
        await Assert.That(points.Descendants(Svg + "circle").Count()).IsEqualTo((int)events);
        await Assert.That((string?)points.Attribute("data-points")).IsEqualTo(events.ToString());
        await Assert.That(Id(page, "scatter-caption")).Contains($"all {events} events");

        // The montage: 24 palette PNGs, each with contour pixels (palette entry 255): every event has a mask.
        var tiles = page.Descendants().Single(e => (string?)e.Attribute("id") == "montage").Descendants(Xhtml + "img").ToList();
        await Assert.That(tiles.Count).IsEqualTo((int)Math.Min(24, events));
        foreach (XElement img in tiles)
        {
            PngImage.Decoded tile = PngImage.Read(DataUri(img), "tile");
            await Assert.That(tile.Palette).IsNotNull();
            await Assert.That(tile.Pixels.Count(p => p == 255)).IsGreaterThan(0);
        }

        // The background image is image_bg of event 0, pixel for pixel.
        using (RtdcFile file = RtdcFile.Open(SharedData.Golden(golden)))
        {
            var (h, w) = file.ImageShape!.Value;
            var expected = new byte[h * w];
            file.ReadFeatureRows<byte>("image_bg", 0, 1, expected);
            XElement bg = page.Descendants().Single(e => (string?)e.Attribute("id") == "background");
            PngImage.Decoded decoded = PngImage.Read(DataUri(bg), "background");
            await Assert.That(decoded.Channels).IsEqualTo(1);
            await Assert.That(decoded.Pixels.SequenceEqual(expected)).IsTrue();
        }

        // Rendered: not blank, many colours, the density colours and the contour colour are on screen.
        string png = Path.Combine(temp.Path, Path.ChangeExtension(golden, ".png"));
        await Chromium.Screenshot(html, png, 1280, 3000);
        PngImage.Decoded shot = PngImage.Read(png);
        var (nonWhite, colours, contour, viridis) = Count(shot);
        await Assert.That(nonWhite).IsGreaterThan(shot.Width * shot.Height / 10);
        await Assert.That(colours).IsGreaterThan(500);
        await Assert.That(contour).IsGreaterThan(1000);
        await Assert.That(viridis).IsGreaterThan(50);
        if (Environment.GetEnvironmentVariable("DCNUM_SCREENSHOT_DIR") is { Length: > 0 } keep && golden.StartsWith("bench_2000", StringComparison.Ordinal))
            File.Copy(png, Path.Combine(keep, "report-screenshot.png"), overwrite: true);
    }

    [Test]
    public async Task ProcessReport_WritesThePageBesideTheOutput()
    {
        using var temp = new TempDirectory("dcnum-process-report-");
        string output = Path.Combine(temp.Path, "cyto_dcn.rtdc");
        var run = await DcnumBinary.RunAsync("process", SharedData.Data("cytoshot-test-data.rtdc"), output, "--report", "--progress", "none");
        await Assert.That(run.ExitCode).IsEqualTo(0);
        string html = Path.Combine(temp.Path, "cyto_dcn.html");
        await Assert.That(run.StdOut).Contains($"Report: {html}");
        XDocument page = XDocument.Load(XmlReader.Create(html, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        using RtdcFile file = RtdcFile.Open(output);
        using RtdcFile input = RtdcFile.Open(SharedData.Data("cytoshot-test-data.rtdc"));
        await Assert.That(Id(page, "n-events")).IsEqualTo(file.FeatureLength("deform").ToString());
        await Assert.That(Id(page, "n-frames")).IsEqualTo(input.FeatureLength("image").ToString());
        await Assert.That(Id(page, "ppid-hash")).IsEqualTo(file.AttributeText("pipeline:dcnum hash"));
        await Assert.That(Id(page, "path-in")).IsEqualTo(SharedData.Data("cytoshot-test-data.rtdc"));
    }

    [Test]
    public async Task Report_BadArguments_OneLineErrors()
    {
        using var temp = new TempDirectory("dcnum-report-args-");
        var notHtml = await DcnumBinary.RunAsync("report", SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"), "-o", Path.Combine(temp.Path, "x.rtdc"));
        await Assert.That(notHtml.ExitCode).IsEqualTo(2);
        await Assert.That(notHtml.StdErr).Contains("must end in .html");
        string missing = Path.Combine(temp.Path, "missing_dcn.rtdc");
        var absent = await DcnumBinary.RunAsync("report", missing);
        await Assert.That(absent.ExitCode).IsEqualTo(1);
        await Assert.That(absent.StdErr.TrimEnd()).IsEqualTo($"dcnum: error: {missing}: no such file");
        string noFolder = Path.Combine(temp.Path, "no-such-folder", "x.html");
        var unwritable = await DcnumBinary.RunAsync("report", SharedData.Golden("cytoshot-test-data__default_dcn.rtdc"), "-o", noFolder);
        await Assert.That(unwritable.ExitCode).IsEqualTo(1);
        await Assert.That(unwritable.StdErr).StartsWith($"dcnum: error: {noFolder}: cannot write the report");
        await Assert.That(unwritable.StdErr.TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(Directory.GetFileSystemEntries(temp.Path)).IsEmpty();
    }

    private static string Id(XDocument page, string id)
        => page.Descendants().Single(e => (string?)e.Attribute("id") == id).Value;

    private static byte[] DataUri(XElement img)
    {
        string src = (string)img.Attribute("src")!;
        const string prefix = "data:image/png;base64,";
        if (!src.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidDataException($"image source is not a PNG data URI: {src[..Math.Min(40, src.Length)]}");
        return Convert.FromBase64String(src[prefix.Length..]);
    }

    /// <summary>No URL but the XHTML and SVG namespace names, and every src a data URI: nothing is fetched.</summary>
    private static bool NoExternalReference(string text)
    {
        string rest = text.Replace("http://www.w3.org/1999/xhtml", "").Replace("http://www.w3.org/2000/svg", "");
        return !rest.Contains("http://", StringComparison.Ordinal) && !rest.Contains("https://", StringComparison.Ordinal)
            && rest.Split("src=\"").Skip(1).All(s => s.StartsWith("data:", StringComparison.Ordinal))
            && !rest.Contains("href=", StringComparison.Ordinal);
    }

    private static (int NonWhite, int Colours, int Contour, int Viridis) Count(PngImage.Decoded shot)
    {
        int nonWhite = 0, contour = 0, viridis = 0;
        var colours = new HashSet<int>();
        int c = shot.Channels;
        for (int i = 0; i < shot.Width * shot.Height; i++)
        {
            int r = shot.Pixels[i * c], g = shot.Pixels[i * c + 1], b = shot.Pixels[i * c + 2];
            if (r < 250 || g < 250 || b < 250)
                nonWhite++;
            colours.Add((r << 16) | (g << 8) | b);
            if (r > 220 && g is > 30 and < 110 && b < 60)
                contour++;          // the contour colour #ff4010
            if (g > 140 && b < 120 && r < 200 && g > r)
                viridis++;          // viridis green (dense points and the density scale), found nowhere else on the page
        }
        return (nonWhite, colours.Count, contour, viridis);
    }

    private static async Task<string> H5py(string dir, string golden, string input)
    {
        string script = Path.Combine(dir, "facts.py");
        await File.WriteAllTextAsync(script, """
            import json, sys, h5py
            with h5py.File(sys.argv[1], "r") as f, h5py.File(sys.argv[2], "r") as i:
                a = f.attrs
                def s(v):
                    return v.decode() if isinstance(v, bytes) else str(v)
                out = {"events": len(f["events/deform"]), "frames": len(i["events/image"]),
                       "yield": int(a["pipeline:dcnum yield"])}
                for k in ["generation", "data", "background", "segmenter", "feature", "gate", "hash"]:
                    out[k] = s(a["pipeline:dcnum " + k])
                print(json.dumps(out))
            """);
        // Attributes and dataset lengths need no zstd filter: Debian's python3-h5py as it is
        // (tests/run.sh and .ci/run install it), without h5-interop.sh's per-call package check.
        var r = await DcnumBinary.RunAsync("/usr/bin/python3", [script, golden, input], TimeSpan.FromMinutes(2));
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"h5py failed (Debian's python3-h5py is needed: tests/run.sh installs it): {r.StdErr}");
        return r.StdOut;
    }
}
