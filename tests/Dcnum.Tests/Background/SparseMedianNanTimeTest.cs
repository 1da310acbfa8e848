using Dcnum.Background;
using Dcnum.Read;
using Dcnum.Tests.Support;

namespace Dcnum.Tests.Background;

/// <summary>A NaN time stamp in the middle of the measurement: sparsemed's nearest-time search is numpy's argmin, which returns the first NaN.</summary>
public class SparseMedianNanTimeTest
{
    [Test]
    public async Task NanTime_AssignsBackgroundsAsNumpyArgmin()
    {
        using var temp = new TempDirectory("dcnum-nantime-");
        string path = Path.Combine(temp.Path, "nan.rtdc");
        // dcnum_thresh_example's 13 frames (times 0 … 8.7 ms after the first) with time[6] = NaN.
        await H5py.RunAsync(temp.Path, "make", """
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as hs, h5py.File(sys.argv[2], "w") as ho:
    img = hs["events/image"][...]
    ho.create_dataset("events/image", data=img)
    t = hs["events/time"][:len(img)].astype(float)
    t[6] = np.nan
    ho.create_dataset("events/time", data=t)
    ho.attrs["experiment:event count"] = len(img)
    ho.attrs["imaging:pixel size"] = 0.2645
""", SharedData.Data("dcnum_thresh_example.rtdc"), path);
        using var input = RtdcFile.Open(path);
        SparseMedianResult result = SparseMedianBackground.Compute(input, SparseMedSettings.Default with { SplitTime = 0.002 });
        // dcnum 0.31.0 run_dcnum.py --bg-kwargs '{"split_time": 0.002}' on the same frames (with their
        // attributes) keeps 5 images and maps frames 0-5 to image 0 and frames 6-12 to image 4 (basinmap1
        // [0,0,0,0,0,4,4,4,4,4,4,4] for events of frames [0,0,2,3,4,6,7,…,12]): each search stops at the NaN.
        // Skipping the NaN gives [0,0,1,1,1,1,2,2,3,3,4,4] instead.
        await Assert.That(result.ImageCount).IsEqualTo(5);
        await Assert.That(string.Join(',', result.Mapping)).IsEqualTo("0,0,0,0,0,0,4,4,4,4,4,4,4");
    }
}
