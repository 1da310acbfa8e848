using Dcnum.Background;
using Dcnum.Write;

namespace Dcnum.Job;

/// <summary>
/// The output of a run in which no frame yields an event (a blank sample, frames so small that
/// border clearing removes everything): a valid file with 0 events, not an error. Established
/// with dcnum 0.31.0 (run_dcnum.py on a 30-frame blank input): events/ holds empty basinmap0
/// (uint32), nevents (int64), bg_off (float64) when the background computed offsets and image_bg
/// when it is one image per event (rollmed, copy); drain adds an empty image and the input's
/// frame-level features in their types, tap links them as usual (file basins mapped by basinmap0,
/// written by the runner); no mask, no per-event features. sparsemed keeps all its background
/// images in basin_events/image_bg with the internal basin mapped by "basinmap0".
/// </summary>
internal static class EmptyResult
{
    /// <param name="linkedBackground">image_bg is linked through a file basin (tap, reusing the input's): no empty events/image_bg.</param>
    public static void Write(RtdcWriter writer, FrameBackground background, bool drain, bool linkedBackground, IEnumerable<(string Name, string DType)> frameScalars, int h, int w)
    {
        writer.AppendScalar<uint>("basinmap0", []);
        writer.AppendScalar<long>("nevents", []);
        if (drain)
        {
            writer.AppendImages("image", [], 0, h, w);
            foreach (var (name, dtype) in frameScalars)
                Empty(writer, name, dtype);
        }
        if (background.HasBgOff)
            writer.AppendScalar<double>("bg_off", []);
        if (background is FrameBackground.SparseMedian sparse)
        {
            SparseMedianResult result = sparse.Result;
            writer.AppendImages("image_bg", result.Images, result.ImageCount, result.Height, result.Width, group: "basin_events");
            writer.StoreInternalBasin(BackgroundStorage.BasinName, ["image_bg"], $"Pipeline identifier: {result.Ppid}", "basinmap0");
        }
        else if (!linkedBackground)
        {
            writer.AppendImages("image_bg", [], 0, h, w);
        }
    }

    private static void Empty(RtdcWriter writer, string name, string dtype)
    {
        switch (dtype)
        {
            case "int32": writer.AppendScalar<int>(name, []); break;
            case "uint32": writer.AppendScalar<uint>(name, []); break;
            case "int64": writer.AppendScalar<long>(name, []); break;
            case "uint64": writer.AppendScalar<ulong>(name, []); break;
            case "float32": writer.AppendScalar<float>(name, []); break;
            default: writer.AppendScalar<double>(name, []); break;
        }
    }
}
