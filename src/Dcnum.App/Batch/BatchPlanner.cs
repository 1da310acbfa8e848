using System.Globalization;
using Dcnum.Cli;
using Dcnum.Common;

namespace Dcnum.Batch;

/// <summary>
/// Plans a batch: the inputs as <c>process -r</c> finds them (outputs mirrored under PATH_OUT)
/// into the manifest, the files still to run into tasks of K, and the tasks into job arrays no
/// larger than the cluster's MaxArraySize. Pure bookkeeping: no input is opened.
/// </summary>
internal static class BatchPlanner
{
    /// <summary>
    /// The batch's manifest: a new one, or the existing one extended by inputs that appeared since
    /// (indices of known files never change). Other options than the batch's are refused.
    /// </summary>
    public static (BatchManifest Manifest, int Added) PlanManifest(BatchLayout layout, string pathIn, string pathOut, string[] processArgs)
    {
        string root = Path.GetFullPath(pathIn);
        if (!Directory.Exists(root))
            throw DcnumException.ForFile(pathIn, "is not a folder (a batch processes every *.rtdc below PATH_IN)");
        string outRoot = Path.GetFullPath(pathOut);
        string digest = BatchManifest.DigestOf(processArgs);
        BatchManifest? old = File.Exists(layout.Manifest) ? BatchManifest.Load(layout) : null;
        if (old is not null && (old.PathIn != root || old.OptionsDigest != digest))
            throw DcnumException.ForFile(layout.Root, $"holds a batch of {old.PathIn} with the options [{string.Join(' ', old.ProcessArgs)}]; "
                + "use another PATH_OUT, or remove that folder to start over");
        var items = old?.Items.ToList() ?? [];
        var known = new HashSet<string>(items.Select(i => i.Input), StringComparer.Ordinal);
        int added = 0;
        foreach (string input in ProcessCommand.FindInputs(root))
        {
            if (input.StartsWith(outRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                continue; // PATH_OUT inside PATH_IN: our own outputs are not inputs
            string relative = Path.GetRelativePath(root, input);
            if (!known.Add(relative))
                continue;
            items.Add(new ManifestItem(items.Count, relative, ProcessCommand.MirroredOutput(relative)));
            added++;
        }
        var manifest = new BatchManifest
        {
            Version = BatchManifest.CurrentVersion,
            PathIn = root,
            PathOut = outRoot,
            ProcessArgs = processArgs,
            OptionsDigest = digest,
            Created = old?.Created ?? Now(),
            Items = items,
        };
        return (manifest, added);
    }

    /// <summary>Splits <paramref name="tasks"/> tasks into arrays of at most <paramref name="maxArraySize"/> (indices 0 … max−1 each): (offset, count) pairs.</summary>
    public static List<(int Offset, int Count)> SplitArrays(int tasks, int maxArraySize)
    {
        var arrays = new List<(int, int)>();
        for (int offset = 0; offset < tasks; offset += maxArraySize)
            arrays.Add((offset, Math.Min(maxArraySize, tasks - offset)));
        return arrays;
    }

    /// <summary>The sbatch arguments of one array: indices 0 … count−1, throttled, then the script and its WAVE OFFSET arguments.</summary>
    public static List<string> ArrayArgs(BatchLayout layout, int wave, (int Offset, int Count) array, int? maxParallel, string? afterJob, List<string> overrides)
    {
        string range = array.Count == 1 ? "0" : $"0-{array.Count - 1}";
        var args = new List<string> { $"--array={range}{(maxParallel is int n ? $"%{n}" : "")}" };
        if (afterJob is not null)
            args.Add($"--dependency=afterany:{afterJob}");
        args.AddRange(overrides);
        args.Add(layout.TaskScript);
        args.Add(wave.ToString(CultureInfo.InvariantCulture));
        args.Add(array.Offset.ToString(CultureInfo.InvariantCulture));
        return args;
    }

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
