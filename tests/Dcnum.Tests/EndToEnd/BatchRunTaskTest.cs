using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>
/// <c>batch run-task</c> without Slurm (a dry-run plan, tasks run by hand as on any node or under
/// GNU parallel): result records, a failed file with its one-line error, resuming, and skipping
/// an output that already carries the same pipeline hash; with <c>--report</c>, each file's page
/// and the batch's index page linking them.
/// </summary>
public class BatchRunTaskTest
{
    [Test]
    public async Task RunTask_ByHand_RecordsResumesAndSkipsSameHash()
    {
        using var temp = new TempDirectory("dcnum-runtask-");
        string inDir = Directory.CreateDirectory(Path.Combine(temp.Path, "in")).FullName;
        string outDir = Path.Combine(temp.Path, "out");
        File.Copy(SharedData.Data("cytoshot-test-data.rtdc"), Path.Combine(inDir, "x0.rtdc"));
        Directory.CreateDirectory(Path.Combine(inDir, "a b")); // a space: the index page's links must be encoded
        File.Copy(SharedData.Data("cytoshot-test-data.rtdc"), Path.Combine(inDir, "a b", "x1.rtdc"));
        File.Copy(SharedData.Data("M001_data.rtdc"), Path.Combine(inDir, "z.rtdc"));
        var plan = await DcnumBinary.RunAsync("batch", "submit", inDir, outDir, "--files-per-task", "2", "--num-cpus", "1", "--report", "--dry-run");
        await Assert.That(plan.ExitCode).IsEqualTo(0);
        await Assert.That(plan.StdOut).Contains("Wave 0: 3 files in 2 tasks of up to 2");
        string batchDir = Path.Combine(outDir, ".dcnum-batch");
        await Assert.That(File.ReadAllText(Path.Combine(batchDir, "task.sbatch"))).Contains("batch run-task");

        var t0 = await DcnumBinary.RunAsync("batch", "run-task", batchDir, "--task", "0");
        await Assert.That(t0.ExitCode).IsEqualTo(0);
        var t1 = await DcnumBinary.RunAsync("batch", "run-task", batchDir, "--task", "1");
        await Assert.That(t1.ExitCode).IsEqualTo(1);
        await Assert.That(t1.StdErr.TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(t1.StdErr).Contains(Path.Combine(inDir, "z.rtdc"));
        await Assert.That(await Counts(outDir, 1)).IsEqualTo((2, 1, 0, 0));
        // --report reached the task: each processed file has its page beside its output.
        string x0 = Path.Combine(outDir, "x0_dcn.rtdc"), x1 = Path.Combine(outDir, "a b", "x1_dcn.rtdc");
        string x0Page = Path.Combine(outDir, "x0_dcn.html"), x1Page = Path.Combine(outDir, "a b", "x1_dcn.html");
        await Assert.That(File.Exists(x0Page)).IsTrue();
        await Assert.That(File.Exists(x1Page)).IsTrue();
        await Assert.That(File.ReadAllText(x0Page)).Contains("<h1>x0_dcn.rtdc</h1>");
        await Assert.That(File.Exists(Path.Combine(outDir, "z_dcn.html"))).IsFalse();

        // Run again: both files are already done, nothing is rewritten; the page that went missing is written again.
        File.Delete(x1Page);
        DateTime written = File.GetLastWriteTimeUtc(x0), pageWritten = File.GetLastWriteTimeUtc(x0Page);
        var again = await DcnumBinary.RunAsync("batch", "run-task", outDir, "--task", "0");
        await Assert.That(again.ExitCode).IsEqualTo(0);
        await Assert.That(again.StdOut.Split("Already done").Length - 1).IsEqualTo(2);
        await Assert.That(File.GetLastWriteTimeUtc(x0)).IsEqualTo(written);
        await Assert.That(File.GetLastWriteTimeUtc(x0Page)).IsEqualTo(pageWritten);
        await Assert.That(File.Exists(x1Page)).IsTrue();
        await Assert.That(again.StdOut).Contains($"Report: {x1Page}");

        // batch report names each page: --json "report" (null without one), a "page:" line in the text.
        var pages = await ReportPages(outDir);
        await Assert.That(pages[Path.Combine(inDir, "x0.rtdc")]).IsEqualTo(x0Page);
        await Assert.That(pages[Path.Combine(inDir, "a b", "x1.rtdc")]).IsEqualTo(x1Page);
        await Assert.That(pages[Path.Combine(inDir, "z.rtdc")]).IsNull();
        var text = await DcnumBinary.RunAsync("batch", "report", outDir);
        await Assert.That(text.StdOut).Contains($"page: {x1Page}\n");
        await Assert.That(text.StdOut.Split("page: ").Length - 1).IsEqualTo(2);

        // The index page: by default .dcnum-batch/report.html (links with ".."), and one in another folder.
        var index = await DcnumBinary.RunAsync("batch", "report", outDir, "--html");
        await Assert.That(index.ExitCode).IsEqualTo(1); // z failed
        string defaultIndex = Path.Combine(batchDir, "report.html");
        await Assert.That(index.StdOut).Contains($"Batch page: {defaultIndex}");
        await AssertIndexPage(defaultIndex, expectedLinks: 2);
        string elsewhere = Path.Combine(temp.Path, "pages", "index.html");
        Directory.CreateDirectory(Path.GetDirectoryName(elsewhere)!);
        var other = await DcnumBinary.RunAsync("batch", "report", batchDir, "--json", "--html", elsewhere);
        await Assert.That(other.ExitCode).IsEqualTo(1);
        using (JsonDocument.Parse(other.StdOut)) { } // --json stays pure JSON with --html
        await AssertIndexPage(elsewhere, expectedLinks: 2);
        await Assert.That(Directory.GetFiles(Path.GetDirectoryName(elsewhere)!)).IsEquivalentTo(new[] { elsewhere }); // no temporary left
        var notHtml = await DcnumBinary.RunAsync("batch", "report", outDir, "--html=index.txt");
        await Assert.That(notHtml.ExitCode).IsEqualTo(2);

        // Without its record, an output with the same pipeline hash is skipped, not reprocessed.
        File.Delete(Path.Combine(batchDir, "results", "000000.json")); // file 0 is "a b/x1.rtdc"
        File.Delete(x1Page);
        var skip = await DcnumBinary.RunAsync("batch", "run-task", batchDir, "--task", "0");
        await Assert.That(skip.ExitCode).IsEqualTo(0);
        await Assert.That(skip.StdOut).Contains("Skipped: the output exists with the same pipeline hash");
        await Assert.That(File.GetLastWriteTimeUtc(x0)).IsEqualTo(written);
        await Assert.That(File.Exists(x1Page)).IsTrue(); // the skipped file got its page back
        await Assert.That(await Counts(outDir, 1)).IsEqualTo((1, 1, 1, 0));

        var bad = await DcnumBinary.RunAsync("batch", "run-task", batchDir, "--task", "2");
        await Assert.That(bad.ExitCode).IsEqualTo(2);
        await Assert.That(bad.StdErr).Contains("tasks 0 … 1");
    }

    /// <summary>input → the "report" field of its <c>batch report --json</c> item.</summary>
    private static async Task<Dictionary<string, string?>> ReportPages(string outDir)
    {
        var r = await DcnumBinary.RunAsync("batch", "report", outDir, "--json");
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        return doc.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("input").GetString()!, i => i.GetProperty("report").GetString());
    }

    /// <summary>The index page parses as XML, passes HTML Tidy, counts the files, and every link resolves to a file page relative to the index.</summary>
    private static async Task AssertIndexPage(string path, int expectedLinks)
    {
        XDocument page = XDocument.Load(XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));
        XNamespace x = "http://www.w3.org/1999/xhtml";
        string Value(string id) => page.Descendants().Single(e => (string?)e.Attribute("id") == id).Value;
        await Assert.That(Value("n-files")).IsEqualTo("3");
        await Assert.That(Value("n-done")).IsEqualTo("2");
        await Assert.That(Value("n-failed")).IsEqualTo("1");
        var rows = page.Descendants(x + "table").Single(t => (string?)t.Attribute("id") == "files").Elements(x + "tr").Skip(1).ToList();
        await Assert.That(rows.Count).IsEqualTo(3);
        await Assert.That(rows.Single(r => r.Value.StartsWith("z.rtdc", StringComparison.Ordinal)).Value).Contains("failed");
        var hrefs = page.Descendants(x + "a").Select(a => (string)a.Attribute("href")!).ToList();
        await Assert.That(hrefs.Count).IsEqualTo(expectedLinks);
        foreach (string href in hrefs)
        {
            await Assert.That(href).DoesNotContain(" ");
            string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(href)));
            await Assert.That(File.Exists(target)).IsTrue();
            await Assert.That(target).EndsWith("_dcn.html");
        }
        var tidy = await DcnumBinary.RunAsync(Chromium.Tidy, ["-q", "-e", path]);
        await Assert.That(tidy.StdErr + tidy.StdOut).IsEqualTo("");
        await Assert.That(tidy.ExitCode).IsEqualTo(0);
    }

    private static async Task<(int Done, int Failed, int Skipped, int Pending)> Counts(string outDir, int expectedExit)
    {
        var r = await DcnumBinary.RunAsync("batch", "report", outDir, "--json");
        await Assert.That(r.ExitCode).IsEqualTo(expectedExit);
        using JsonDocument doc = JsonDocument.Parse(r.StdOut);
        JsonElement e = doc.RootElement;
        return (e.GetProperty("done").GetInt32(), e.GetProperty("failed").GetInt32(), e.GetProperty("skipped").GetInt32(), e.GetProperty("pending").GetInt32());
    }
}
