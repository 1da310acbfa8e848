namespace Dcnum.Tests.Support;

/// <summary>Finds <c>../shared</c> (data, golden, tools) beside the checkout, as CI lays it out.</summary>
public static class SharedData
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Data(string name) => Path.Combine(Root, "data", name);

    public static string Golden(string name) => Path.Combine(Root, "golden", name);

    public static string Tool(string name) => Path.Combine(Root, "tools", name);

    private static string FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("DCNUM_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
            return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "golden")))
                return candidate;
        }
        throw new DirectoryNotFoundException("../shared (with golden/) not found above " + AppContext.BaseDirectory);
    }
}
