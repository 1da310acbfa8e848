using Dcnum.Cli;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Job;

/// <summary>Same input, same settings: exactly the same data whatever the number of workers or the run.</summary>
public class DeterminismTest
{
    [Test]
    public async Task Process_OneAndTwoWorkersAndRepeat_ExactlySameData()
    {
        using var temp = new TempDirectory("dcnum-determinism-");
        string dir = temp.Path;
        string input = SharedData.Data("bench_2000.rtdc");
        string[] outputs = [Path.Combine(dir, "one.rtdc"), Path.Combine(dir, "two.rtdc"), Path.Combine(dir, "two-again.rtdc")];
        int[] cpus = [1, 2, 2];
        for (int i = 0; i < outputs.Length; i++)
        {
            int rc = CommandLine.Run(["process", input, outputs[i], "--num-cpus", cpus[i].ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--drain-basins", "--progress", "none"], new StringWriter(), new StringWriter());
            await Assert.That(rc).IsEqualTo(0);
        }
        foreach (string other in outputs[1..])
        {
            // rtol = atol = 0: every float bit-equal (NaN = NaN), masks and integers exact.
            var stdout = new StringWriter();
            int same = CommandLine.Run(["compare", outputs[0], other, "--rtol", "0", "--atol", "0"], stdout, new StringWriter());
            await Assert.That(stdout.ToString()).StartsWith("same: ");
            await Assert.That(same).IsEqualTo(0);
        }
    }
}
