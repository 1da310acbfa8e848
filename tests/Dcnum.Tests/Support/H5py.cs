namespace Dcnum.Tests.Support;

/// <summary>
/// Runs a Python script with h5py and the zstd filter (../shared/tools/h5-interop.sh, installed in
/// CI): to build inputs the way other software writes them and to read our outputs as dclab does.
/// </summary>
public static class H5py
{
    // h5-interop.sh may run apt-get; two at once fail on dpkg's lock (one at a time, and retried
    // when another test's call holds the lock).
    private static readonly SemaphoreSlim s_one = new(1, 1);

    /// <summary>Writes <paramref name="script"/> to DIR/NAME.py, runs it with <paramref name="args"/>, returns stdout; fails on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string dir, string name, string script, params string[] args)
    {
        string path = Path.Combine(dir, name + ".py");
        await File.WriteAllTextAsync(path, script);
        await s_one.WaitAsync();
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                var r = await DcnumBinary.RunAsync("bash", [SharedData.Tool("h5-interop.sh"), "python3", path, .. args], TimeSpan.FromMinutes(5));
                if (r.ExitCode == 0)
                    return r.StdOut;
                if (attempt < 5 && r.StdErr.Contains("lock", StringComparison.Ordinal) && r.StdErr.Contains("apt", StringComparison.Ordinal))
                {
                    await Task.Delay(TimeSpan.FromSeconds(3 * attempt));
                    continue;
                }
                throw new InvalidOperationException($"{name}.py failed: {r.StdErr}");
            }
        }
        finally
        {
            s_one.Release();
        }
    }
}
