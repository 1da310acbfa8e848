namespace Dcnum.Write;

/// <summary>
/// The temporary files of a run carry the writing process's id in their names
/// (<c>&lt;stem&gt;_output_&lt;host&gt;_&lt;pid&gt;-&lt;id&gt;.rtdc~</c>, <c>.&lt;stem&gt;_spool_…</c>,
/// <c>.&lt;stem&gt;_bgspool_…</c>). A run that was killed (SIGKILL, power loss) cannot remove its
/// own; the next run for the same output removes those whose process on this host is gone.
/// </summary>
public static class StaleTemporaries
{
    /// <summary>"pid-xxxxx": this process and a random part, for one run's temporary names.</summary>
    public static string NewTag() => $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..5]}";

    public static string OutputPrefix(string stem) => $"{stem}_output_{Environment.MachineName}_";
    public static string SpoolPrefix(string stem) => $".{stem}_spool_";
    public static string BackgroundPrefix(string stem) => $".{stem}_bgspool_";

    /// <summary>Removes the temporaries of earlier runs for <paramref name="finalPath"/> whose process is dead; returns how many.</summary>
    public static int Clean(string finalPath)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(finalPath)) ?? ".";
        string stem = Path.GetFileNameWithoutExtension(finalPath);
        int removed = 0;
        foreach (string prefix in new[] { OutputPrefix(stem), SpoolPrefix(stem), BackgroundPrefix(stem) })
        {
            IEnumerable<string> candidates;
            try
            {
                candidates = Directory.EnumerateFiles(folder, prefix + "*").ToArray();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return removed;
            }
            foreach (string path in candidates)
            {
                string rest = Path.GetFileName(path)[prefix.Length..];
                int dash = rest.IndexOf('-');
                if (dash <= 0 || !int.TryParse(rest[..dash], out int pid) || pid == Environment.ProcessId || IsAlive(pid))
                    continue;
                try
                {
                    File.Delete(path);
                    removed++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
        return removed;
    }

    private static bool IsAlive(int pid) => !OperatingSystem.IsLinux() || Directory.Exists($"/proc/{pid}");
}
