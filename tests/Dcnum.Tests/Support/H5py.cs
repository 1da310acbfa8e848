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

    // Once the filter plugin is built, python3 runs with it directly: the script checks its Debian
    // packages on every call and runs apt-get when one looks missing, which collides with other apt users.
    private static string PluginDir => Environment.GetEnvironmentVariable("H5ZSTD_DIR") is { Length: > 0 } d ? d : "/tmp/h5zstd-plugin";
    private static bool Ready => File.Exists(Path.Combine(PluginDir, "libh5zstd.so")) && File.Exists("/usr/bin/python3");
    private static string Runner => Ready ? "env" : "bash";
    private static string[] RunnerArgs => Ready ? [$"HDF5_PLUGIN_PATH={PluginDir}", "/usr/bin/python3"] : [SharedData.Tool("h5-interop.sh"), "python3"];

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
                var r = await DcnumBinary.RunAsync(Runner, [.. RunnerArgs, path, .. args], TimeSpan.FromMinutes(5));
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
