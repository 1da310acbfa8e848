namespace Dcnum.Cli;

/// <summary>The text of <c>dcnum --help</c>; kept beside the commands so both change together.</summary>
internal static class HelpText
{
    public const string Main = """
        dcnum-native: the dcnum RT-DC processing pipeline as one native executable.

        Usage:
          dcnum info FILE [--json]                 what is in an .rtdc file
          dcnum compare REF CAND [--json] [--rtol R] [--atol A]
                                                   are two .rtdc files the same output?
          dcnum demo [DIR] [--frames N] [--seed S] [--force]
                                                   synthesise a small measurement as DIR/demo.rtdc
                                                   (default DIR: dcnum-demo, 400 frames)
          dcnum --version | --help

        Options for every command:
          --debug                                  print stack traces of errors

        Exit codes: 0 done, 1 failed (one line on stderr), 2 usage error.

        """;
}
