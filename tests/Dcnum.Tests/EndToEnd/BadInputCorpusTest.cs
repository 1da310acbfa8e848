using Dcnum.Meta;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.EndToEnd;

/// <summary>
/// Structurally wrong inputs made with h5py from a real measurement, run through the published
/// binary: wrong image dtype or rank, absurd dimensions, basins to a missing or a different file,
/// one frame, all frames identical, bad keyword arguments. Each ends with the expected exit code,
/// one line on stderr, nothing under the output name, no temporaries, the input unchanged.
/// </summary>
public class BadInputCorpusTest
{
    private const string Make = """
import h5py, json, numpy as np, shutil, sys
src, out = sys.argv[1], sys.argv[2]
def variant(name, edit):
    path = f"{out}/{name}.rtdc"
    shutil.copy(src, path)
    with h5py.File(path, "a") as f:
        edit(f)
def image_float(f):
    a = f["events/image"][:].astype(np.float32); del f["events/image"]; f["events/image"] = a
def image_rank2(f):
    a = f["events/image"][:, 0, :]; del f["events/image"]; f["events/image"] = a
def absurd_dims(f):
    del f["events/image"]; f.create_dataset("events/image", shape=(40, 100000, 100000), dtype=np.uint8, chunks=(1, 1000, 1000))
def basin(paths, identifier):
    def edit(f):
        del f["events/image"]
        text = json.dumps({"name": "raw", "type": "file", "format": "hdf5", "paths": paths, "features": ["image"], "identifier": identifier}, indent=2)
        f.require_group("basins").create_dataset("b1", data=[l.encode() for l in text.split("\n")])
    return edit
def one_frame(f):
    for k in list(f["events"].keys()):
        a = f["events"][k][:1]; del f["events"][k]; f["events"][k] = a
    f.attrs["experiment:event count"] = 1
def identical(f):
    d = f["events/image"]; a = d[:]; a[:] = a[0]; d[:] = a
variant("image_float", image_float)
variant("image_rank2", image_rank2)
variant("absurd_dims", absurd_dims)
variant("basin_missing", basin(["/nonexistent/raw.rtdc", "raw.rtdc"], None))
variant("basin_mismatch", basin([src], "not-this-measurement"))
variant("one_frame", one_frame)
variant("identical_frames", identical)
""";

    private static readonly TempDirectory s_corpus = new("dcnum-corpus-");
    private static readonly Lazy<Task> s_made = new(async () =>
    {
        await H5py.RunAsync(s_corpus.Path, "make", Make, SharedData.Data("cytoshot-test-data.rtdc"), s_corpus.Path);
    });

    [After(Class)]
    public static void RemoveCorpus() => s_corpus.Dispose();

    [Test]
    [Arguments("image_float", 1, "uint8")]
    [Arguments("image_rank2", 1, "events/image")]
    [Arguments("absurd_dims", 1, "100000")]
    [Arguments("basin_missing", 1, "image")]
    [Arguments("basin_mismatch", 1, "identifier")]
    // No event is a result, not an error: dcnum 0.31.0 writes a valid 0-event file (ReferenceParityTest).
    [Arguments("identical_frames", 0, "")]
    [Arguments("one_frame", 0, "")] // its background is the frame itself
    public async Task BadInput_FailsCleanly(string name, int exitCode, string mentions)
    {
        await s_made.Value;
        using var temp = new TempDirectory("dcnum-corpus-run-");
        string input = Path.Combine(s_corpus.Path, name + ".rtdc");
        string output = Path.Combine(temp.Path, "out.rtdc");
        string before = Md5.HexOf(File.ReadAllBytes(input));
        var r = await DcnumBinary.RunAsync(DcnumBinary.Path, ["process", input, output, "--drain-basins", "--progress", "none"], TimeSpan.FromSeconds(60));
        await Assert.That(r.ExitCode).IsEqualTo(exitCode);
        await Assert.That(Md5.HexOf(File.ReadAllBytes(input))).IsEqualTo(before);
        if (exitCode == 0)
        {
            await Assert.That(r.StdErr).IsEqualTo("");
            await Assert.That(Directory.GetFiles(temp.Path).Select(f => Path.GetFileName(f)).ToArray()).IsEquivalentTo(new[] { "out.rtdc" });
            return;
        }
        string err = r.StdErr.TrimEnd();
        await Assert.That(err.Split('\n').Length).IsEqualTo(1);
        await Assert.That(err).Contains(name + ".rtdc");
        await Assert.That(err).Contains(mentions);
        await Assert.That(File.Exists(output)).IsFalse();
        await Assert.That(Directory.GetFiles(temp.Path).All(f => f.EndsWith("out.rtdc.log", StringComparison.Ordinal))).IsTrue();
    }

    [Test]
    [Arguments("-kb", "kernel_size=abc", "kernel_size")]
    [Arguments("-kb", "frobnicate=1", "frobnicate")]
    [Arguments("-ks", "thresh=x", "thresh")]
    [Arguments("-kf", "haralick=maybe", "haralick")]
    [Arguments("-kg", "online_gates=perhaps", "online_gates")]
    [Arguments("-c", "zstd-12", "zstd-12")]
    public async Task BadKeywordArguments_AreUsageErrors(string option, string value, string mentions)
    {
        using var temp = new TempDirectory("dcnum-kwargs-");
        var r = await DcnumBinary.RunAsync(DcnumBinary.Path, ["process", SharedData.Data("cytoshot-test-data.rtdc"), Path.Combine(temp.Path, "out.rtdc"), option, value], TimeSpan.FromSeconds(60));
        await Assert.That(r.ExitCode).IsEqualTo(2);
        await Assert.That(r.StdErr.TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(r.StdErr).Contains(mentions);
        await Assert.That(Directory.GetFiles(temp.Path).Length).IsEqualTo(0);
    }

    [Test]
    public async Task RollmedKernelBeyondItsCounters_IsUsageError()
    {
        using var temp = new TempDirectory("dcnum-kwargs-");
        var r = await DcnumBinary.RunAsync(DcnumBinary.Path, ["process", SharedData.Data("cytoshot-test-data.rtdc"), Path.Combine(temp.Path, "out.rtdc"),
            "-b", "rollmed", "-kb", "kernel_size=70000", "-kb", "batch_size=80000"], TimeSpan.FromSeconds(60));
        await Assert.That(r.ExitCode).IsEqualTo(2);
        await Assert.That(r.StdErr.TrimEnd().Split('\n').Length).IsEqualTo(1);
        await Assert.That(r.StdErr).Contains("kernel_size");
        await Assert.That(Directory.GetFiles(temp.Path).Length).IsEqualTo(0);
    }
}
