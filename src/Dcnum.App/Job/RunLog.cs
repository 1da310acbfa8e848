using System.Globalization;
using Dcnum.Common;

namespace Dcnum.Job;

/// <summary>
/// dcnum's run log: the lines stored in the output (<c>logs/dcnum-log-*</c>) and, while the run
/// lasts, written to <c>&lt;output&gt;.log</c> beside it, which is removed on success or
/// interruption and kept after a failure. Lines logged before the file opens are written when it does.
/// </summary>
internal sealed class RunLog(Action<string>? echo)
{
    private readonly List<string> _lines = [];
    private StreamWriter? _file;

    public IReadOnlyList<string> Lines => _lines;

    public void Add(string level, string message, string logger = "dcnum.Runner")
    {
        string line = $"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {level} {logger}: {message}";
        _lines.Add(line);
        WriteFile(line);
        echo?.Invoke(line);
    }

    /// <summary>Opens the file beside the output and writes what was logged so far.</summary>
    public void OpenFile(string path)
    {
        _file = new StreamWriter(path, append: false) { AutoFlush = true };
        foreach (string line in _lines)
            WriteFile(line);
    }

    /// <summary>
    /// A line in the file only (not stored in the output). The file is best effort: when the disk
    /// is full it cannot be written, and that must not hide the error being reported.
    /// </summary>
    public void WriteFile(string line)
    {
        if (_file is { } file)
            DiskFull.BestEffort(() => file.WriteLine(line));
    }

    public void CloseFile()
    {
        if (_file is { } file)
            DiskFull.BestEffort(file.Dispose);
        _file = null;
    }
}
