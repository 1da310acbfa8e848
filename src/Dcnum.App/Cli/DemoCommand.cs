namespace Dcnum.Cli;

/// <summary>Placeholder until the command is implemented.</summary>
internal static class DemoCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stdout;
        _ = stderr;
        throw new Common.DcnumException("'demo' is not implemented yet");
    }
}
