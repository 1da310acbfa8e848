namespace Dcnum.Common;

/// <summary>
/// The one place that recognises "the system will not store more bytes": ENOSPC (an
/// <see cref="IOException"/> carrying errno 28 on Linux) and EFBIG (which .NET reports as an
/// <see cref="ArgumentOutOfRangeException"/> on <c>value</c> about the file length), and the
/// best-effort writes that must not hide the error being reported.
/// </summary>
internal static class DiskFull
{
    private const int Enospc = 28;

    /// <summary>"disk full" or "disk full or file size limit" when <paramref name="ex"/> says so, else null.</summary>
    public static string? Reason(Exception ex) => ex switch
    {
        ArgumentOutOfRangeException { ParamName: "value" } when ex.Message.Contains("file length", StringComparison.Ordinal) => "disk full or file size limit",
        IOException when ex.HResult == Enospc || ex.Message.Contains("No space left", StringComparison.Ordinal) => "disk full",
        _ => null,
    };

    /// <summary>The exceptions a write or a close of a file can throw when the disk refuses the bytes.</summary>
    public static bool IsWriteFailure(Exception ex) => ex is IOException or ArgumentOutOfRangeException;

    /// <summary>Runs <paramref name="action"/> (a log line, a close) and ignores a refused write.</summary>
    public static void BestEffort(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (IsWriteFailure(ex))
        {
        }
    }
}
