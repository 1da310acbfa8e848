using System.Text;

namespace Dcnum.Batch;

/// <summary>
/// Writes a small file under a temporary name in the same folder, then renames it over the final
/// name: a reader (another task, <c>status</c>, a node that dies mid-write) sees the old file or
/// the new one, never half of one.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // gone after the rename; removes the leftover of a failed write
        }
    }
}
