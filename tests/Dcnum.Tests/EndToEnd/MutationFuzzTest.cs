using Dcnum.Meta;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>
/// A mutation fuzz loop over the published binary: a real input with random bit flips, byte
/// overwrites, zeroed runs or truncation (fixed seed, so a failure is reproducible), processed
/// with a deadline per case. Every case ends in exit 0 with a complete output, or exit 1 with one
/// line naming the file; never a crash, a hang, a stack trace, a partial output or a leftover
/// temporary; the input is never modified.
/// </summary>
public class MutationFuzzTest
{
    private const int Cases = 320;

    [Test]
    public async Task MutatedInputs_FailCleanlyOrSucceed()
    {
        byte[] original = File.ReadAllBytes(SharedData.Data("dcnum_thresh_example.rtdc"));
        using var temp = new TempDirectory("dcnum-fuzz-");
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        int exit0 = 0, exit1 = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Cases), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (seed, _) =>
        {
            string dir = Path.Combine(temp.Path, $"case{seed}");
            Directory.CreateDirectory(dir);
            string input = Path.Combine(dir, "in.rtdc");
            string output = Path.Combine(dir, "out.rtdc");
            string what = Mutate(original, seed, out byte[] mutated);
            File.WriteAllBytes(input, mutated);
            string before = Md5.HexOf(mutated);
            DcnumBinary.Result r;
            try
            {
                r = await DcnumBinary.RunAsync(DcnumBinary.Path, ["process", input, output, "--drain-basins", "--num-cpus", "1", "--progress", "none"], TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
                failures.Add($"seed {seed} ({what}): no exit within 60 s");
                return;
            }
            string[] left = Directory.GetFiles(dir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
            if (Md5.HexOf(File.ReadAllBytes(input)) != before)
                failures.Add($"seed {seed} ({what}): the input was modified");
            if (r.ExitCode == 0)
            {
                Interlocked.Increment(ref exit0);
                if (!left.SequenceEqual(["in.rtdc", "out.rtdc"]))
                    failures.Add($"seed {seed} ({what}): exit 0 but files {string.Join(", ", left)}");
                else if (!IsCompleteOutput(output))
                    failures.Add($"seed {seed} ({what}): exit 0 but the output is not a complete .rtdc file");
            }
            else if (r.ExitCode == 1)
            {
                Interlocked.Increment(ref exit1);
                string err = r.StdErr.TrimEnd();
                if (err.Split('\n').Length != 1 || !err.Contains("in.rtdc", StringComparison.Ordinal) && !err.Contains("out.rtdc", StringComparison.Ordinal))
                    failures.Add($"seed {seed} ({what}): exit 1 with stderr '{err}'");
                if (left.Any(f => f != "in.rtdc" && f != "out.rtdc.log"))
                    failures.Add($"seed {seed} ({what}): exit 1 left {string.Join(", ", left)}");
            }
            else
            {
                failures.Add($"seed {seed} ({what}): exit code {r.ExitCode}, stderr '{r.StdErr.TrimEnd()}'");
            }
            if (failures.IsEmpty)
                Directory.Delete(dir, recursive: true);
        });
        await Assert.That(string.Join('\n', failures.Order())).IsEqualTo("");
        // The loop must exercise both outcomes: corruption that is caught, and damage that does not matter.
        await Assert.That(exit1).IsGreaterThan(Cases / 10);
        await Assert.That(exit0 + exit1).IsEqualTo(Cases);
    }

    /// <summary>The output opens, says how many events it has, and every events feature has that many rows and reads back.</summary>
    private static bool IsCompleteOutput(string path)
    {
        try
        {
            using var file = Dcnum.Read.RtdcFile.Open(path);
            long events = file.Attributes["experiment:event count"].Integer;
            foreach (var feature in file.Features.Where(f => f.IsInnate))
            {
                if (file.FeatureLength(feature.Name) != events)
                    return false;
            }
            return events > 0 && file.ReadScalar("deform").Length == events;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>One deterministic mutation per seed; half of them aim at the metadata near the start and end of the file.</summary>
    private static string Mutate(byte[] original, int seed, out byte[] mutated)
    {
        var rng = new Random(seed);
        mutated = (byte[])original.Clone();
        int Offset() => rng.Next(3) switch
        {
            0 => rng.Next(Math.Min(4096, original.Length)),
            1 => original.Length - 1 - rng.Next(Math.Min(16384, original.Length)),
            _ => rng.Next(original.Length),
        };
        switch (rng.Next(4))
        {
            case 0:
                {
                    int at = Offset(), bit = rng.Next(8);
                    mutated[at] ^= (byte)(1 << bit);
                    return $"bit {bit} flipped at {at}";
                }
            case 1:
                {
                    int at = Offset(), n = 1 + rng.Next(8);
                    for (int i = at; i < Math.Min(at + n, mutated.Length); i++)
                        mutated[i] = (byte)rng.Next(256);
                    return $"{n} random bytes at {at}";
                }
            case 2:
                {
                    int at = Offset(), n = 16 + rng.Next(512);
                    Array.Clear(mutated, at, Math.Min(n, mutated.Length - at));
                    return $"{n} bytes zeroed at {at}";
                }
            default:
                {
                    int length = rng.Next(original.Length);
                    mutated = mutated[..length];
                    return $"truncated to {length} bytes";
                }
        }
    }
}
