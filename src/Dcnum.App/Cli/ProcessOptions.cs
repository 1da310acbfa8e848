using System.Globalization;
using Dcnum.Common;
using Dcnum.Read;

namespace Dcnum.Cli;

/// <summary>
/// The options of <c>dcnum process</c>: chipstream-cli's names and defaults
/// (chipstream/cli/cli_main.py). Keyword arguments stay as KEY=VALUE pairs here; each stage's
/// settings type validates and types its own.
/// </summary>
public sealed record ProcessOptions
{
    public required string PathIn { get; init; }
    public string? PathOut { get; init; }
    public string BackgroundMethod { get; init; } = "sparsemed";
    public IReadOnlyList<KeyValuePair<string, string>> BackgroundKwargs { get; init; } = [];
    public string SegmentationMethod { get; init; } = "thresh";
    public IReadOnlyList<KeyValuePair<string, string>> SegmentationKwargs { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> FeatureKwargs { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> GateKwargs { get; init; } = [];
    /// <summary>0 = from the file (with chipstream's Rivercyte correction).</summary>
    public double PixelSize { get; init; }
    public LimitEvents LimitEvents { get; init; }
    /// <summary>chipstream-cli defaults to <c>tap</c>; <c>--drain-basins</c> selects <c>drain</c>.</summary>
    public bool DrainBasins { get; init; }
    public string Compression { get; init; } = "zstd-5";
    public bool Recursive { get; init; }
    public int NumCpus { get; init; } = Environment.ProcessorCount;
    public bool DryRun { get; init; }
    public bool Verbose { get; init; }
    public bool Debug { get; init; }
    public bool Force { get; init; }
    /// <summary><c>--skip-validation</c>: run a torch model without checking its validation rules (what dcnum's library does).</summary>
    public bool SkipValidation { get; init; }
    /// <summary>auto (a bar on a terminal, quiet otherwise), json (one object per update), none.</summary>
    public string Progress { get; init; } = "auto";
    /// <summary>--report: write the HTML report (<c>&lt;output stem&gt;.html</c>) right after processing.</summary>
    public bool Report { get; init; }

    public static readonly string[] BackgroundMethods = Background.BackgroundMethods.Codes;
    public static readonly string[] SegmentationMethods = ["thresh", "torchmpo", "torchsto", "torchuni"];

    /// <summary>Parses the arguments after <c>process</c>; every problem is a <see cref="UsageException"/>.</summary>
    public static ProcessOptions Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var kb = new List<KeyValuePair<string, string>>();
        var ks = new List<KeyValuePair<string, string>>();
        var kf = new List<KeyValuePair<string, string>>();
        var kg = new List<KeyValuePair<string, string>>();
        string background = "sparsemed", segmentation = "thresh", compression = "zstd-5", progress = "auto";
        double pixelSize = 0;
        LimitEvents limit = LimitEvents.None;
        bool drain = false, recursive = false, dryRun = false, verbose = false, debug = false, force = false, skipValidation = false;
        bool report = false;
        int numCpus = Environment.ProcessorCount;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inlineValue = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('='))
            {
                int eq = arg.IndexOf('=');
                inlineValue = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            switch (arg)
            {
                case "-b" or "--background-method":
                    background = Choice(arg, Value(), BackgroundMethods);
                    break;
                case "-kb":
                    kb.Add(KeyValue(arg, Value()));
                    break;
                case "-s" or "--segmentation-method":
                    segmentation = Choice(arg, Value(), SegmentationMethods);
                    break;
                case "-ks":
                    ks.Add(KeyValue(arg, Value()));
                    break;
                case "-kf":
                    kf.Add(KeyValue(arg, Value()));
                    break;
                case "-kg":
                    kg.Add(KeyValue(arg, Value()));
                    break;
                case "-p" or "--pixel-size":
                    pixelSize = Number(arg, Value());
                    if (pixelSize < 0)
                        throw new UsageException($"{arg}: the pixel size must not be negative");
                    break;
                case "--limit-events":
                    limit = LimitEvents.Parse(Value());
                    break;
                case "--drain-basins":
                    drain = true;
                    break;
                case "-c" or "--compression":
                    compression = ParseCompression(Value());
                    break;
                case "-r" or "--recursive":
                    recursive = true;
                    break;
                case "--num-cpus":
                    string n = Value();
                    if (!int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out numCpus))
                        throw new UsageException($"--num-cpus: '{n}' is not a whole number");
                    // click.IntRange(1, cpu_count(), clamp=True)
                    numCpus = Math.Clamp(numCpus, 1, Environment.ProcessorCount);
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--debug":
                    debug = true;
                    verbose = true;
                    break;
                case "--force":
                    force = true;
                    break;
                case "--skip-validation":
                    skipValidation = true;
                    break;
                case "--report":
                    report = true;
                    break;
                case "--progress":
                    progress = Choice(arg, Value(), ["auto", "json", "none"]);
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                        throw new UsageException($"unknown option '{arg}' (see 'dcnum process --help')");
                    positional.Add(arg);
                    break;
            }

            string Value()
            {
                if (inlineValue is not null)
                    return inlineValue;
                if (i + 1 >= args.Count)
                    throw new UsageException($"option '{arg}' needs a value");
                return args[++i];
            }
        }

        if (positional.Count == 0)
            throw new UsageException("missing PATH_IN (see 'dcnum process --help')");
        if (positional.Count > 2)
            throw new UsageException($"too many arguments: '{positional[2]}' (PATH_IN [PATH_OUT])");
        return new ProcessOptions
        {
            PathIn = positional[0],
            PathOut = positional.Count > 1 ? positional[1] : null,
            BackgroundMethod = background,
            BackgroundKwargs = kb,
            SegmentationMethod = segmentation,
            SegmentationKwargs = ks,
            FeatureKwargs = kf,
            GateKwargs = kg,
            PixelSize = pixelSize,
            LimitEvents = limit,
            DrainBasins = drain,
            Compression = compression,
            Recursive = recursive,
            NumCpus = numCpus,
            DryRun = dryRun,
            Verbose = verbose,
            Debug = debug,
            Force = force,
            SkipValidation = skipValidation,
            Progress = progress,
            Report = report,
        };
    }

    /// <summary>"none" or "zstd-1" … "zstd-9" (dcnum's job compression values).</summary>
    public static string ParseCompression(string value)
    {
        string v = value.Trim().ToLowerInvariant();
        if (v == "none")
            return v;
        if (v.Length == 6 && v.StartsWith("zstd-", StringComparison.Ordinal) && v[5] is >= '1' and <= '9')
            return v;
        throw new UsageException($"--compression: '{value}' is not 'none' or 'zstd-1' … 'zstd-9'");
    }

    private static KeyValuePair<string, string> KeyValue(string option, string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0)
            throw new UsageException($"{option}: '{text}' is not KEY=VALUE");
        return new(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    private static string Choice(string option, string value, string[] choices)
    {
        string v = value.ToLowerInvariant(); // click.Choice(case_sensitive=False)
        if (Array.IndexOf(choices, v) < 0)
            throw new UsageException($"{option}: '{value}' is not one of {string.Join(", ", choices)}");
        return v;
    }

    private static double Number(string option, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d))
            throw new UsageException($"{option}: '{value}' is not a number");
        return d;
    }
}
