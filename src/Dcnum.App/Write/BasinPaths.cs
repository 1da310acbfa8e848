namespace Dcnum.Write;

/// <summary>
/// The paths a file basin stores for the input: [absolute, relative to the output's folder], both
/// with every symbolic link resolved, as dcnum's <c>pathlib.Path(...).resolve()</c> and
/// <c>os.path.relpath</c> give them (a basin then still finds the data when the link goes away).
/// </summary>
public static class BasinPaths
{
    public static string[] ToInput(string pathIn, string pathOut)
    {
        string input = RealPath(pathIn);
        string outputFolder = RealPath(Path.GetDirectoryName(Path.GetFullPath(pathOut))!);
        return [input, Path.GetRelativePath(outputFolder, input)];
    }

    /// <summary>POSIX realpath: the absolute path with every link component resolved (missing parts kept as they are).</summary>
    public static string RealPath(string path, int depth = 0)
    {
        string full = Path.GetFullPath(path);
        if (depth > 40)
            return full; // a link loop: keep what we have (the kernel's ELOOP limit is 40)
        string root = Path.GetPathRoot(full) ?? "/";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            FileSystemInfo? target = null;
            try
            {
                if (new FileInfo(next).LinkTarget is not null)
                    target = new FileInfo(next).ResolveLinkTarget(returnFinalTarget: false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
            // A relative link target is relative to the link's folder; resolve its own links too.
            current = target is null ? next : RealPath(target.FullName, depth + 1);
        }
        return current;
    }
}
