using Dcnum.Common;

namespace Dcnum.Cli;

/// <summary>
/// Parses the first argument into a command and runs it. Every failure ends in one line on
/// stderr and an exit code: 0 done, 1 failed, 2 usage, 130 interrupted.
/// </summary>
public static class CommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool debug = Array.IndexOf(args, "--debug") >= 0;
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                stdout.Write(HelpText.Main);
                return args.Length == 0 ? ExitUsage : ExitOk;
            }
            if (args[0] is "--version" or "-V")
            {
                stdout.WriteLine($"{Meta.SoftwareVersion.Named} (dcnum pipeline generation {Meta.PpidGeneration.Value})");
                return ExitOk;
            }
            string[] rest = args[1..];
            // "dcnum process --help" and the like: the commands share one help text.
            if (args[0] is "info" or "compare" or "demo" or "process" or "report" or "batch" && Array.Exists(rest, a => a is "-h" or "--help"))
            {
                stdout.Write(HelpText.Main);
                return ExitOk;
            }
            return args[0] switch
            {
                "info" => InfoCommand.Run(rest, stdout),
                "compare" => CompareCommand.Run(rest, stdout),
                "demo" => DemoCommand.Run(rest, stdout, stderr),
                "process" => ProcessCommand.Run(rest, stdout, stderr),
                "report" => ReportCommand.Run(rest, stdout),
                "batch" => BatchCommand.Run(rest, stdout, stderr),
                // chipstream-cli style shorthand: dcnum PATH_IN [PATH_OUT] [options]
                _ when args[0].EndsWith(".rtdc", StringComparison.OrdinalIgnoreCase) || File.Exists(args[0]) => ProcessCommand.Run(args, stdout, stderr),
                _ => throw new UsageException($"unknown command '{args[0]}' (see 'dcnum --help')"),
            };
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("dcnum: interrupted; temporary files removed");
            return ProcessCommand.InterruptExitCode;
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"dcnum: {ex.Message}");
            return ExitUsage;
        }
        catch (DcnumException ex)
        {
            stderr.WriteLine($"dcnum: error: {ex.Message}");
            if (debug)
                stderr.WriteLine(ex.ToString());
            return ExitFailed;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"dcnum: error: {ex.GetType().Name}: {ex.Message}");
            if (debug)
                stderr.WriteLine(ex.ToString());
            return ExitFailed;
        }
    }
}
