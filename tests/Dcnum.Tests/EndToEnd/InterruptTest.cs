using System.Diagnostics;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>Ctrl-C and SIGTERM stop a run: exit 130/143, one line, nothing under the output name, no temporaries.</summary>
public class InterruptTest
{
    /// <summary>bench_2000's frames five times over (10000 frames, uncompressed): a run of several seconds.</summary>
    private const string LongInput = """
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as hs, h5py.File(sys.argv[2], "w") as ho:
    for k, v in hs.attrs.items():
        ho.attrs[k] = v
    img = hs["events/image"][...]
    n = 5 * len(img)
    ho.attrs["experiment:event count"] = n
    ds = ho.create_dataset("events/image", shape=(n,) + img.shape[1:], dtype=np.uint8, chunks=(100,) + img.shape[1:])
    for k in range(5):
        ds[k * len(img):(k + 1) * len(img)] = img
    ho.create_dataset("events/frame", data=np.arange(1, n + 1, dtype=np.int32))
""";

    // The signal goes out once the run reports segmentation (after the background), on an input long
    // enough that the run cannot finish first: with bench_2000 and a fixed delay after start, a fast
    // machine finished the run before the signal arrived (exit 0), which is not the product swallowing it:
    // a signal is seen until the output is renamed into place.
    [Test]
    [Arguments("INT", 130)]
    [Arguments("TERM", 143)]
    public async Task Signal_MidRun_ExitsCleanly(string signal, int expected)
    {
        using var temp = new TempDirectory("dcnum-signal-");
        string input = Path.Combine(temp.Path, "long.rtdc");
        await H5py.RunAsync(temp.Path, "long", LongInput, SharedData.Data("bench_2000.rtdc"), input);
        string dir = Path.Combine(temp.Path, "out");
        Directory.CreateDirectory(dir);
        string output = Path.Combine(dir, "out.rtdc");
        // Through env --default-signal (it execs, same pid): a run started from a background job of a
        // script inherits SIGINT ignored, which the runtime honours, and the test would see exit 0.
        var psi = new ProcessStartInfo("env") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in new[] { "--default-signal=INT,TERM", DcnumBinary.Path, "process", input, output, "--drain-basins", "--progress", "json" })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        var errors = new List<string>();
        var segmenting = new TaskCompletionSource();
        Task readErr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                if (line.StartsWith('{'))
                {
                    if (line.Contains("\"state\": \"segmentation\"", StringComparison.Ordinal))
                        segmenting.TrySetResult();
                    continue; // progress
                }
                errors.Add(line);
            }
            segmenting.TrySetResult();
        });
        await segmenting.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Assert.That(process.HasExited).IsFalse();
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill!.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        await stdout;
        await readErr;
        await Assert.That(process.ExitCode).IsEqualTo(expected);
        await Assert.That(errors.Count).IsEqualTo(1);
        await Assert.That(Directory.GetFiles(dir).Length).IsEqualTo(0); // no output, no temporaries, no spools
    }
}
