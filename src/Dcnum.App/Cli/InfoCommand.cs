namespace Dcnum.Cli;

/// <summary>Placeholder until the command is implemented.</summary>
internal static class InfoCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        _ = args;
        _ = stdout;
        throw new Common.DcnumException("'info' is not implemented yet");
    }
}
