using System.Diagnostics;

namespace Dcnum.Tests.Support;

/// <summary>
/// Debian's headless Chromium and HTML Tidy, which the report tests render and validate pages
/// with. <c>.ci/run</c> installs both (packages <c>chromium</c>, <c>tidy</c>); when one is missing the
/// tests fail with that instruction, never skip.
/// </summary>
public static class Chromium
{
    public static string Binary => Find("chromium", "chromium");

    public static string Tidy => Find("tidy", "tidy");

    private static string Find(string name, string package)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Append("/usr/bin"))
        {
            string candidate = System.IO.Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException(
            $"'{name}' is not installed: the report tests need Debian's '{package}' (apt-get install {package}; .ci/run installs it)");
    }

    /// <summary>Renders <paramref name="html"/> headless into a PNG screenshot of the given window size.</summary>
    public static async Task Screenshot(string html, string png, int width, int height)
    {
        string profile = Directory.CreateTempSubdirectory("dcnum-chromium-").FullName;
        try
        {
            var r = await DcnumBinary.RunAsync(Binary,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--disable-dev-shm-usage", $"--user-data-dir={profile}", $"--screenshot={png}",
                $"--window-size={width},{height}", new Uri(html).AbsoluteUri,
            ], TimeSpan.FromMinutes(2));
            if (r.ExitCode != 0 || !File.Exists(png))
                throw new InvalidOperationException($"chromium exited {r.ExitCode} without a screenshot: {r.StdErr}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
