using Dcnum.Tests.Support;

namespace Dcnum.Tests.Segmentation.Torch;

/// <summary>
/// A bare model file name is looked up in the current directory, then in the folders of
/// DCNUM_MODEL_PATH (colon-separated), first match wins. Runs the binary (own working directory
/// and environment; the test process's own stay untouched).
/// </summary>
public class ModelSearchTest
{
    private const string Name = "unet-dcnum-test_g1_910c2.dcnm";

    private static Task<DcnumBinary.Result> Run(string cwd, string? modelPath, params string[] args)
        => DcnumBinary.RunAsync("/usr/bin/env", [$"DCNUM_MODEL_PATH={modelPath}", DcnumBinary.Path, .. args], workingDirectory: cwd);

    [Test]
    public async Task BareName_CurrentDirectoryFirst_ThenSearchPath()
    {
        using var temp = new TempDirectory("dcnum-model-search-");
        string here = Path.Combine(temp.Path, "here"), empty = Path.Combine(temp.Path, "empty");
        Directory.CreateDirectory(here);
        Directory.CreateDirectory(empty);
        File.Copy(SharedData.Data(Name), Path.Combine(here, Name));
        string shared = Path.Combine(SharedData.Root, "data");

        var local = await Run(here, $"/nonexistent:{shared}", "info", Name);
        await Assert.That(local.ExitCode).IsEqualTo(0);
        await Assert.That(local.StdOut).Contains($"file:         {Path.Combine(here, Name)}\n");

        var searched = await Run(empty, $"/nonexistent:{shared}", "info", Name);
        await Assert.That(searched.ExitCode).IsEqualTo(0);
        await Assert.That(searched.StdOut).Contains($"file:         {Path.Combine(shared, Name)}\n");

        var process = await Run(empty, shared, "process", SharedData.Data("cytoshot-test-data.rtdc"), "--dry-run", "-s", "torchsto", "-ks", "model_file=" + Name);
        await Assert.That(process.ExitCode).IsEqualTo(0);
        await Assert.That(process.StdOut).Contains($"Segmenter ID:\ttorchsto:m={Name}:cle=1^f=1^clo=0\n");

        var missing = await Run(empty, "/nonexistent", "info", Name);
        await Assert.That(missing.ExitCode).IsEqualTo(1);
        await Assert.That(missing.StdErr).IsEqualTo($"dcnum: error: {Name}: model file not found (looked in the current directory and DCNUM_MODEL_PATH: /nonexistent)\n");
    }
}
