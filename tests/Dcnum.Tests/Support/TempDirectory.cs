namespace Dcnum.Tests.Support;

/// <summary>A fresh temporary folder for one test, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
