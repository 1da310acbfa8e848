using System.Diagnostics;
using System.Text.Json;
using Dcnum.Meta;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Write;

/// <summary>
/// Files we write are read back by the reference HDF5 library (libhdf5 through h5py, with the
/// zstd filter plugin built by ../shared/tools/h5-interop.sh): every value equal, filters as dcnum's.
/// </summary>
public class InteropTest
{
    private const string Script = """
import h5py, hashlib, json, sys
f = h5py.File(sys.argv[1], "r")
out = {"events": {}, "attrs": {}, "logs": {}, "basins": {}, "types": {}}
for k, ds in f["events"].items():
    a = ds[...]
    out["events"][k] = {"dtype": str(a.dtype), "shape": list(a.shape), "md5": hashlib.md5(a.tobytes()).hexdigest(),
                        "filters": [list(map(int, ds.id.get_create_plist().get_filter(i)[:3][:1])) + [list(ds.id.get_create_plist().get_filter(i)[2])] for i in range(ds.id.get_create_plist().get_nfilters())],
                        "fletcher32": ds.fletcher32, "attrs": {n: (v.decode() if isinstance(v, bytes) else str(v)) for n, v in ds.attrs.items()}}
for k, v in f.attrs.items():
    out["attrs"][k] = v.decode() if isinstance(v, bytes) else (v.item() if hasattr(v, "item") else v)
    out["types"][k] = type(v).__name__
out["types"]["CLASS"] = type(f["events/image"].attrs["CLASS"]).__name__
for g in ("logs", "basins"):
    for k, ds in f[g].items():
        out["types"][g + "/" + k] = ds.dtype.str
for k, ds in f["logs"].items():
    out["logs"][k] = [x.decode() if isinstance(x, bytes) else x for x in ds[...]]
for k, ds in f["basins"].items():
    out["basins"][k] = "\n".join(x.decode() if isinstance(x, bytes) else x for x in ds[...])
out["basin_events"] = hashlib.md5(f["basin_events/image_bg"][...].tobytes()).hexdigest()
print(json.dumps(out))
""";

    [Test]
    public async Task H5py_ReadsEveryValueWeWrote()
    {
        using var temp = new TempDirectory("dcnum-interop-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "out.rtdc");
        var sample = RtdcWriterTest.WriteSample(path, 1234);
        string script = Path.Combine(dir, "read.py");
        await File.WriteAllTextAsync(script, Script);
        var r = await DcnumBinary.RunAsync("bash", [SharedData.Tool("h5-interop.sh"), "python3", script, path], TimeSpan.FromMinutes(5));
        await Assert.That(r.StdErr.Contains("Traceback")).IsFalse();
        await Assert.That(r.ExitCode).IsEqualTo(0);
        using var doc = JsonDocument.Parse(r.StdOut);
        JsonElement events = doc.RootElement.GetProperty("events");

        await Assert.That(events.GetProperty("image").GetProperty("md5").GetString()).IsEqualTo(Md5.HexOf(sample.Images));
        var maskBytes = sample.Masks.Select(m => m ? (byte)255 : (byte)0).ToArray();
        await Assert.That(events.GetProperty("mask").GetProperty("md5").GetString()).IsEqualTo(Md5.HexOf(maskBytes));
        await Assert.That(events.GetProperty("deform").GetProperty("md5").GetString())
            .IsEqualTo(Md5.HexOf(System.Runtime.InteropServices.MemoryMarshal.AsBytes(sample.Deform.AsSpan())));
        await Assert.That(events.GetProperty("nevents").GetProperty("md5").GetString())
            .IsEqualTo(Md5.HexOf(System.Runtime.InteropServices.MemoryMarshal.AsBytes(sample.NEvents.AsSpan())));
        await Assert.That(events.GetProperty("basinmap0").GetProperty("dtype").GetString()).IsEqualTo("uint32");
        await Assert.That(events.GetProperty("frame").GetProperty("dtype").GetString()).IsEqualTo("int32");
        await Assert.That(events.GetProperty("image").GetProperty("shape").ToString()).IsEqualTo("[1234, 80, 40]");
        // zstd (32015) at level 5, then Fletcher32, on every dataset
        foreach (JsonProperty feature in events.EnumerateObject())
        {
            await Assert.That(feature.Value.GetProperty("fletcher32").GetBoolean()).IsTrue();
            await Assert.That(feature.Value.GetProperty("filters")[0].ToString()).IsEqualTo("[32015, [5]]");
        }
        await Assert.That(events.GetProperty("image").GetProperty("attrs").GetProperty("CLASS").GetString()).IsEqualTo("IMAGE");
        JsonElement attrs = doc.RootElement.GetProperty("attrs");
        await Assert.That(attrs.GetProperty("imaging:pixel size").GetDouble()).IsEqualTo(0.2645);
        await Assert.That(attrs.GetProperty("experiment:event count").GetInt64()).IsEqualTo(1234L);
        await Assert.That(attrs.GetProperty("experiment:sample").GetString()).IsEqualTo("Größe µm");
        JsonElement log = doc.RootElement.GetProperty("logs").GetProperty("dcnum-log-2026");
        await Assert.That(log.GetArrayLength()).IsEqualTo(3);
        await Assert.That(log[2].GetString()!.Length).IsEqualTo(300);
        await Assert.That(doc.RootElement.GetProperty("basins").EnumerateObject().Count()).IsEqualTo(2);
        // dcnum's types: numpy bytes for the image attributes, an h5py bool (int8 enum), fixed-length
        // ASCII logs and basin lines as long as their longest line, variable-length UTF-8 strings at the root.
        JsonElement types = doc.RootElement.GetProperty("types");
        await Assert.That(types.GetProperty("CLASS").GetString()).IsEqualTo("bytes_");
        await Assert.That(types.GetProperty("online_contour:no absdiff").GetString()).IsEqualTo("bool_");
        await Assert.That(attrs.GetProperty("online_contour:no absdiff").GetBoolean()).IsTrue();
        await Assert.That(types.GetProperty("experiment:sample").GetString()).IsEqualTo("str");
        await Assert.That(types.GetProperty("logs/dcnum-log-2026").GetString()).IsEqualTo("|S300");
        foreach (JsonProperty basin in doc.RootElement.GetProperty("basins").EnumerateObject())
            await Assert.That(types.GetProperty("basins/" + basin.Name).GetString()).IsEqualTo($"|S{basin.Value.GetString()!.Split('\n').Max(l => l.Length)}");
        foreach (JsonProperty basin in doc.RootElement.GetProperty("basins").EnumerateObject())
            await Assert.That(Md5.HexOf(basin.Value.GetString()!)).IsEqualTo(basin.Name); // key = md5(JSON text)
    }
}
