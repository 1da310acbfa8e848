using System.Text.Json;
using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Read;

public class RtdcFileTablesAndFiltersTest
{
    [Test]
    public async Task Tables_CompoundMonitorTable_ReadsNamedColumns()
    {
        // h5py: tables/cytoshot_monitor is a (750, 1, 1) compound of 17 float64 members.
        using var file = RtdcFile.Open(SharedData.Data("dcnum_thresh_example.rtdc"));
        var table = file.ReadTable("cytoshot_monitor");
        await Assert.That(table.Count).IsEqualTo(17);
        await Assert.That(table.Keys.First()).IsEqualTo("brightness");
        await Assert.That(table["time"].Length).IsEqualTo(750);
        // h5py: brightness[:3] = [nan, 145.79935932, 145.07738886], time[:3] = [0.281, 1.14, 2.046]
        await Assert.That(double.IsNaN(table["brightness"][0])).IsTrue();
        await Assert.That(table["brightness"].Count(double.IsNaN)).IsEqualTo(1);
        await Assert.That(Math.Abs(table["brightness"][1] - 145.79935932)).IsLessThan(1e-8);
        await Assert.That(Math.Abs(table["time"][2] - 2.046)).IsLessThan(1e-6);
    }

    [Test]
    public async Task RequireImages_FileWithoutImages_IsOneLineError()
    {
        using var tap = RtdcFile.Open(SharedData.Golden("cytoshot-test-data__tap_dcn.rtdc"));
        tap.RequireImages(); // images from the file basin count
        using var temp = new TempDirectory("dcnum-noimage-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "noimage.rtdc");
        using (var writer = new Dcnum.Write.RtdcWriter(path))
        {
            writer.AppendScalar<double>("deform", [0.1, 0.2]);
            writer.Commit();
        }
        using var file = RtdcFile.Open(path);
        var ex = Assert.Throws<DcnumException>(file.RequireImages);
        await Assert.That(ex.Message).IsEqualTo($"{path}: no image data (events/image) in the file");
    }

    [Test]
    public async Task Deflate_FileWrittenByH5py_ReadsEqual()
    {
        // gzip (deflate, filter 1) + shuffle written by libhdf5 through h5py.
        using var temp = new TempDirectory("dcnum-deflate-");
        string dir = temp.Path;
        string path = Path.Combine(dir, "deflate.rtdc");
        string script = Path.Combine(dir, "w.py");
        await File.WriteAllTextAsync(script, """
import h5py, numpy as np, sys
with h5py.File(sys.argv[1], "w") as f:
    f.attrs["experiment:event count"] = 30
    f.create_dataset("events/image", data=(np.arange(30 * 8 * 9) % 251).astype(np.uint8).reshape(30, 8, 9), chunks=(7, 8, 9), compression="gzip", fletcher32=True)
    f.create_dataset("events/deform", data=np.linspace(0, 1, 30), chunks=(10,), compression="gzip", shuffle=True)
""");
        var r = await Support.DcnumBinary.RunAsync("bash", [SharedData.Tool("h5-interop.sh"), "python3", script, path], TimeSpan.FromMinutes(5));
        await Assert.That(r.ExitCode).IsEqualTo(0);
        using var file = RtdcFile.Open(path);
        var image = new byte[30 * 8 * 9];
        file.ReadFeatureRows<byte>("image", 0, 30, image);
        bool equal = true;
        for (int i = 0; i < image.Length; i++)
            equal &= image[i] == i % 251;
        await Assert.That(equal).IsTrue();
        double[] deform = file.ReadScalar("deform");
        await Assert.That(deform[29]).IsEqualTo(1.0);
        await Assert.That(deform[3]).IsEqualTo(3 / 29.0);
    }
}
