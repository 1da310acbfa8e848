using System.Globalization;
using Dcnum.Background;
using Dcnum.Cli;
using Dcnum.Common;
using Dcnum.Features;
using Dcnum.Segmentation;

namespace Dcnum.Batch;

/// <summary>
/// <c>dcnum batch submit PATH_IN PATH_OUT [process options] [batch options]</c>: the batch's own
/// options are taken out, everything else is handed to <c>process</c> as given (checked here by
/// <see cref="ProcessOptions.Parse"/>, so a typo fails at submit time, not in ten thousand tasks).
/// </summary>
internal sealed record SubmitOptions
{
    public required string PathIn { get; init; }
    public required string PathOut { get; init; }
    public required string[] ProcessArgs { get; init; }
    /// <summary>Null: 10 for a new batch, the last wave's for a resubmit.</summary>
    public int? FilesPerTask { get; init; }
    public int? MaxParallel { get; init; }
    public string? Partition { get; init; }
    public string? Time { get; init; }
    /// <summary>Null: 2 in a new batch's script, the script's own for a resubmit.</summary>
    public int? CpusPerTask { get; init; }
    public string? Mem { get; init; }
    public IReadOnlyList<string> SbatchArgs { get; init; } = [];
    /// <summary>resubmit: every failed file, also those whose input has not changed since it failed.</summary>
    public bool AllFailed { get; init; }
    public bool Wait { get; init; }
    public bool DryRun { get; init; }

    /// <summary>Parses submit's arguments (<paramref name="resubmit"/>: only the Slurm options; the files and process options are the batch's).</summary>
    public static SubmitOptions Parse(IReadOnlyList<string> args, bool resubmit)
    {
        var positional = new List<string>();
        var processArgs = new List<string>();
        var sbatchArgs = new List<string>();
        int? filesPerTask = null, cpus = null, maxParallel = null;
        string? partition = null, time = null, mem = null;
        bool wait = false, dryRun = false, allFailed = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 0 and int eq)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            switch (arg)
            {
                case "--files-per-task":
                    filesPerTask = Positive(arg, Value());
                    break;
                case "--max-parallel":
                    maxParallel = Positive(arg, Value());
                    break;
                case "--partition":
                    partition = Value();
                    break;
                case "--time":
                    time = Value();
                    break;
                case "--cpus-per-task":
                    cpus = Positive(arg, Value());
                    break;
                case "--mem":
                    mem = Value();
                    break;
                case "--sbatch-arg":
                    sbatchArgs.Add(Value());
                    break;
                case "--wait":
                    wait = true;
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--all-failed" when resubmit:
                    allFailed = true;
                    break;
                case "-r" or "--recursive":
                    break; // implied: a batch always finds its inputs like process -r
                default:
                    if (resubmit)
                    {
                        if (arg.StartsWith('-') || positional.Count == 1)
                            throw new UsageException($"resubmit: unknown option or argument '{args[i]}' (the process options are the batch's; see 'dcnum batch --help')");
                        positional.Add(arg);
                    }
                    else if (positional.Count < 2 && !arg.StartsWith('-'))
                        positional.Add(args[i]);
                    else
                        processArgs.Add(args[i]);
                    break;
            }

            string Value()
            {
                if (inline is not null)
                    return inline;
                if (i + 1 >= args.Count)
                    throw new UsageException($"option '{arg}' needs a value");
                return args[++i];
            }
        }
        if (positional.Count < (resubmit ? 1 : 2))
            throw new UsageException(resubmit ? "missing PATH_OUT (see 'dcnum batch --help')" : "missing PATH_IN and PATH_OUT (dcnum batch submit PATH_IN PATH_OUT [options])");
        if (!resubmit)
        {
            // The process options must parse as they will in every task; a stray extra path is an error.
            ProcessOptions check = ProcessOptions.Parse([positional[0], .. processArgs]);
            if (check.PathOut is not null)
                throw new UsageException($"unexpected argument '{check.PathOut}' (dcnum batch submit PATH_IN PATH_OUT [options])");
            CheckKeywordArguments(check);
        }
        return new SubmitOptions
        {
            PathIn = resubmit ? "" : positional[0],
            PathOut = positional[^1],
            ProcessArgs = [.. processArgs],
            FilesPerTask = filesPerTask,
            MaxParallel = maxParallel,
            Partition = partition,
            Time = time,
            CpusPerTask = cpus,
            Mem = mem,
            SbatchArgs = sbatchArgs,
            Wait = wait,
            AllFailed = allFailed,
            DryRun = dryRun,
        };
    }

    /// <summary>The Slurm options given on this command line, for sbatch's command line (it overrides the script's #SBATCH lines).</summary>
    public List<string> SlurmOverrides()
    {
        var list = new List<string>();
        if (Partition is not null)
            list.Add($"--partition={Partition}");
        if (Time is not null)
            list.Add($"--time={Time}");
        if (CpusPerTask is not null)
            list.Add($"--cpus-per-task={CpusPerTask}");
        if (Mem is not null)
            list.Add($"--mem={Mem}");
        list.AddRange(SbatchArgs);
        return list;
    }

    /// <summary>The stages' own parsers check the -kb/-ks/-kf/-kg keys and values; none of them needs an input file.</summary>
    private static void CheckKeywordArguments(ProcessOptions o)
    {
        _ = o.BackgroundMethod switch
        {
            "sparsemed" => SparseMedSettings.Parse(o.BackgroundKwargs),
            "rollmed" => (object)RollMedSettings.Parse(o.BackgroundKwargs),
            _ => o.BackgroundKwargs.Count == 0 ? o : throw new UsageException($"-kb {o.BackgroundKwargs[0].Key}: background method 'copy' takes no keyword arguments"),
        };
        _ = SegmenterKwargs.Parse(o.SegmentationKwargs.Select(kv => $"{kv.Key}={kv.Value}"));
        _ = FeatureSettings.Parse(o.FeatureKwargs);
        _ = GateSettings.Parse(o.GateKwargs);
    }

    private static int Positive(string option, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
            throw new UsageException($"{option}: '{value}' is not a whole number ≥ 1");
        return n;
    }
}
