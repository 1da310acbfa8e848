using System.Diagnostics;

namespace Dcnum.Tests.Support;

/// <summary>
/// The published Native AOT binary that end-to-end tests drive. <c>tests/run.sh</c> publishes it
/// and sets <c>DCNUM_BIN</c>; without it these tests fail with that instruction (never skip).
/// </summary>
public static class DcnumBinary
{
    public static string Path
    {
        get
        {
            string? path = Environment.GetEnvironmentVariable("DCNUM_BIN");
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
                throw new InvalidOperationException("DCNUM_BIN is not set to the published binary: run the tests with 'bash tests/run.sh'");
            return path;
        }
    }

    public sealed record Result(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed);

    /// <summary>Runs <paramref name="fileName"/> with arguments, closes stdin, kills it after <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> args, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {fileName}");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}");
        }
        return new Result(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    /// <summary>Runs the published dcnum binary.</summary>
    public static Task<Result> RunAsync(params string[] args) => RunAsync(Path, args);
}
