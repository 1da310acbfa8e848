using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>The published binary's own command line: version, help, usage errors, bad input.</summary>
public class CommandLineTest
{
    [Test]
    public async Task Version_PrintsNameAndGeneration()
    {
        var r = await DcnumBinary.RunAsync("--version");
        await Assert.That(r.ExitCode).IsEqualTo(0);
        await Assert.That(r.StdOut).Contains("dcnum-native");
        await Assert.That(r.StdOut).Contains("generation 13");
    }

    [Test]
    public async Task Help_ListsEveryCommand()
    {
        var r = await DcnumBinary.RunAsync("--help");
        await Assert.That(r.ExitCode).IsEqualTo(0);
        foreach (string command in new[] { "info", "compare", "demo" })
            await Assert.That(r.StdOut).Contains($"dcnum {command}");
    }

    [Test]
    [Arguments("process", "--help")]
    [Arguments("info", "-h")]
    [Arguments("compare", "--help")]
    [Arguments("demo", "--help")]
    public async Task CommandHelp_PrintsUsageAndExitsZero(params string[] args)
    {
        var r = await DcnumBinary.RunAsync(args);
        await Assert.That(r.ExitCode).IsEqualTo(0);
        await Assert.That(r.StdOut).Contains($"dcnum {args[0]}");
        await Assert.That(r.StdOut).Contains("--drain-basins");
        await Assert.That(r.StdErr).IsEmpty();
    }

    [Test]
    [Arguments("frobnicate")]
    [Arguments("info")]
    [Arguments("info", "--no-such-option", "x.rtdc")]
    public async Task UsageError_ExitsTwoWithOneLine(params string[] args)
    {
        var r = await DcnumBinary.RunAsync(args);
        await Assert.That(r.ExitCode).IsEqualTo(2);
        await Assert.That(r.StdErr.TrimEnd().Split('\n').Length).IsEqualTo(1);
    }

    [Test]
    public async Task BadInput_EachCase_ExitsOneWithOneLineNamingTheFile()
    {
        using var temp = new TempDirectory("dcnum-bad-");
        string dir = temp.Path;
        string notHdf5 = Path.Combine(dir, "text.rtdc");
        await File.WriteAllTextAsync(notHdf5, "this is not HDF5\n");
        string truncated = Path.Combine(dir, "truncated.rtdc");
        byte[] whole = await File.ReadAllBytesAsync(SharedData.Data("cytoshot-test-data.rtdc"));
        await File.WriteAllBytesAsync(truncated, whole.AsSpan(0, whole.Length / 3).ToArray());
        string empty = Path.Combine(dir, "empty.rtdc");
        await File.WriteAllBytesAsync(empty, []);
        foreach (string path in new[] { Path.Combine(dir, "missing.rtdc"), dir, notHdf5, truncated, empty })
        {
            var r = await DcnumBinary.RunAsync("info", path);
            await Assert.That(r.ExitCode).IsEqualTo(1);
            string[] lines = r.StdErr.TrimEnd().Split('\n');
            await Assert.That(lines.Length).IsEqualTo(1);
            await Assert.That(lines[0]).Contains(path);
            await Assert.That(r.StdErr).DoesNotContain("   at ");
        }
    }
}
