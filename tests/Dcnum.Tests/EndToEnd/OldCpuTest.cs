using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>
/// The published binary on older and newer x86-64 CPUs, emulated by qemu user mode (Debian's
/// qemu-user-static, which tests/run.sh installs). The x86-64-v3 build (the default, -p:DcnumIsa=v3)
/// must refuse a CPU without AVX2 with one line and exit 1 instead of the .NET runtime's abort; the
/// baseline build must run there. Which build it is, the binary's --version says.
/// </summary>
[NotInParallel] // qemu's emulation keeps both cores busy for seconds: it would skew timing-sensitive tests (InterruptTest)
public class OldCpuTest
{
    private const string Qemu = "/usr/bin/qemu-x86_64-static";

    private static async Task<bool> IsV3Build()
    {
        var version = await DcnumBinary.RunAsync("--version");
        await Assert.That(version.ExitCode).IsEqualTo(0);
        return version.StdOut.Contains("x86-64-v3", StringComparison.Ordinal);
    }

    private static Task<DcnumBinary.Result> RunOn(string cpu, params string[] args)
    {
        if (!File.Exists(Qemu))
            throw new InvalidOperationException($"{Qemu} is missing: install Debian's qemu-user-static (bash tests/run.sh does)");
        return DcnumBinary.RunAsync(Qemu, ["-cpu", cpu, DcnumBinary.Path, .. args]);
    }

    [Test]
    public async Task Nehalem_WithoutAvx2_V3BuildGivesOneLine_BaselineBuildRuns()
    {
        var r = await RunOn("Nehalem", "--version");
        if (await IsV3Build())
        {
            await Assert.That(r.ExitCode).IsEqualTo(1);
            await Assert.That(r.StdOut).IsEqualTo("");
            string[] lines = r.StdErr.TrimEnd('\n').Split('\n');
            await Assert.That(lines.Length).IsEqualTo(1);
            await Assert.That(lines[0]).StartsWith("dcnum: error: this CPU lacks the x86-64-v3 instructions");
            await Assert.That(lines[0]).Contains("-p:DcnumIsa=baseline");
        }
        else
        {
            await Assert.That(r.ExitCode).IsEqualTo(0);
            await Assert.That(r.StdOut).Contains("dcnum-native");
        }
    }

    [Test]
    public async Task Haswell_WithAvx2_Runs()
    {
        // The oldest CPU model qemu knows with AVX2 + FMA: the v3 build runs there, and so does a
        // command that reads and writes (zstd, the pipeline's kernels).
        var r = await RunOn("Haswell", "--version");
        await Assert.That(r.ExitCode).IsEqualTo(0);
        await Assert.That(r.StdOut).Contains("dcnum-native");
        var info = await RunOn("Haswell", "info", SharedData.Data("cytoshot-test-data.rtdc"));
        await Assert.That(info.ExitCode).IsEqualTo(0);
        await Assert.That(info.StdOut).Contains("cytoshot");
    }
}
