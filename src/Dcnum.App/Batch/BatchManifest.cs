using System.Text.Json;
using Dcnum.Common;
using Dcnum.Meta;

namespace Dcnum.Batch;

/// <summary>One input of the batch: its index (stable for the batch's life) and paths relative to PATH_IN and PATH_OUT.</summary>
internal sealed record ManifestItem(int Index, string Input, string Output);

/// <summary>
/// <c>PATH_OUT/.dcnum-batch/manifest.json</c>: every input and its output, and the exact
/// <c>process</c> options every task runs them with. The pipeline hash depends on each file (its
/// pixel size, flicker detection), so a task computes it when it opens the file and stores it in
/// the file's result record; <see cref="OptionsDigest"/> identifies the options.
/// </summary>
internal sealed record BatchManifest
{
    public const int CurrentVersion = 1;

    public required int Version { get; init; }
    public required string PathIn { get; init; }
    public required string PathOut { get; init; }
    /// <summary>The <c>process</c> options as given (without PATH_IN, PATH_OUT and the batch's own options).</summary>
    public required string[] ProcessArgs { get; init; }
    /// <summary>MD5 of <see cref="ProcessArgs"/>: a second <c>submit</c> with other options is refused.</summary>
    public required string OptionsDigest { get; init; }
    public required string Created { get; init; }
    public required List<ManifestItem> Items { get; init; }

    public static string DigestOf(IEnumerable<string> processArgs) => Md5.HexOf(string.Join('\0', processArgs));

    public string InputPath(ManifestItem item) => Path.Combine(PathIn, item.Input);

    public string OutputPath(ManifestItem item) => Path.Combine(PathOut, item.Output);

    public void Save(BatchLayout layout) => AtomicFile.WriteAllText(layout.Manifest, JsonSerializer.Serialize(this, BatchJson.Default.BatchManifest));

    public static BatchManifest Load(BatchLayout layout)
    {
        if (!File.Exists(layout.Manifest))
            throw DcnumException.ForFile(layout.Root, "is not a dcnum batch (no manifest.json; start one with 'dcnum batch submit')");
        BatchManifest? m;
        try
        {
            m = JsonSerializer.Deserialize(File.ReadAllText(layout.Manifest), BatchJson.Default.BatchManifest);
        }
        catch (JsonException ex)
        {
            throw DcnumException.ForFile(layout.Manifest, $"is damaged ({ex.Message.TrimEnd('.')})", ex);
        }
        if (m is null || m.Version != CurrentVersion)
            throw DcnumException.ForFile(layout.Manifest, $"has version {m?.Version}; this dcnum reads version {CurrentVersion}");
        return m;
    }
}
