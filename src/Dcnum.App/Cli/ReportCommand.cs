using System.Diagnostics;
using System.Globalization;
using Dcnum.Common;
using Dcnum.Report;

namespace Dcnum.Cli;

/// <summary>
/// <c>dcnum report FILE [-o FILE.html]</c>: one self-contained HTML page about a result (see
/// <see cref="ReportPage"/>); by default <c>&lt;stem&gt;.html</c> beside the file.
/// </summary>
internal static class ReportCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        string? path = null, output = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "-o" or "--output")
            {
                if (i + 1 >= args.Length)
                    throw new UsageException($"report: option '{a}' needs a value");
                output = args[++i];
            }
            else if (a == "--debug")
                continue;
            else if (a.StartsWith('-') && a.Length > 1)
                throw new UsageException($"report: unknown option '{a}'");
            else if (path is null)
                path = a;
            else
                throw new UsageException($"report: one FILE only ('{a}' is extra)");
        }
        if (path is null)
            throw new UsageException("report: missing FILE (usage: dcnum report FILE [-o FILE.html])");
        output ??= ReportPage.DefaultPath(path);
        // The page replaces an earlier page of the same name; never anything else (an .rtdc by a slip of -o).
        if (!output.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !output.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"report: the output '{output}' must end in .html");
        var watch = Stopwatch.StartNew();
        ReportPage.Write(path, output);
        stdout.WriteLine($"Report written in {watch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s: {output}");
        return CommandLine.ExitOk;
    }
}
