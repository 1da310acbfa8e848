namespace Dcnum.Common;

/// <summary>
/// A failure the user must be told about in one line (<c>file: problem</c>), exit code 1.
/// Anything else that escapes a command is a bug and is reported the same way, with the
/// stack trace only under <c>--debug</c>.
/// </summary>
public class DcnumException : Exception
{
    public DcnumException(string message) : base(message) { }
    public DcnumException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Builds the conventional <c>path: problem</c> message.</summary>
    public static DcnumException ForFile(string path, string problem, Exception? inner = null)
        => inner is null ? new DcnumException($"{path}: {problem}") : new DcnumException($"{path}: {problem}", inner);
}

/// <summary>A command line that cannot be understood; exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
