namespace Dcnum.Batch;

/// <summary>
/// The batch state under <c>PATH_OUT/.dcnum-batch/</c>: <c>manifest.json</c>, the generated
/// <c>task.sbatch</c> and <c>summary.sbatch</c>, <c>waves/N.json</c> (one per submit or
/// resubmit: which files, which Slurm jobs), <c>results/NNNNNN.json</c> (one per file, written
/// by the task that ran it) and <c>logs/</c> (Slurm's output of every task and summary job).
/// </summary>
internal sealed class BatchLayout(string root)
{
    public const string FolderName = ".dcnum-batch";

    /// <summary>The batch folder itself.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    public static BatchLayout ForOutput(string pathOut) => new(Path.Combine(Path.GetFullPath(pathOut), FolderName));

    /// <summary>Accepts PATH_OUT or PATH_OUT/.dcnum-batch.</summary>
    public static BatchLayout Find(string path)
        => Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) == FolderName ? new BatchLayout(path) : ForOutput(path);

    public string Manifest => Path.Combine(Root, "manifest.json");
    public string TaskScript => Path.Combine(Root, "task.sbatch");
    public string SummaryScript => Path.Combine(Root, "summary.sbatch");
    public string Logs => Path.Combine(Root, "logs");
    public string Results => Path.Combine(Root, "results");
    public string Waves => Path.Combine(Root, "waves");

    public string Result(int index) => Path.Combine(Results, $"{index:D6}.json");

    public string Wave(int wave) => Path.Combine(Waves, $"{wave}.json");

    public void Create()
    {
        Directory.CreateDirectory(Logs); // sbatch -o folders must exist before a task starts
        Directory.CreateDirectory(Results);
        Directory.CreateDirectory(Waves);
    }
}
