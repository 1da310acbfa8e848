using Dcnum.Read;

namespace Dcnum.Write;

/// <summary>
/// A frame-level scalar of the input (dcnum's PROTECTED_FEATURES), copied per event with the
/// input's dtype when draining (dcnum copies the dataset), linked through a file basin when tapping.
/// </summary>
internal sealed record FrameScalar(string Name, string DType, double[] Values)
{
    /// <summary>dcnum's PROTECTED_FEATURES: copied (drain) or linked (tap), never recomputed.</summary>
    public static readonly string[] Names =
        ["bg_off", "flow_rate", "frame", "g_force", "pressure", "temp", "temp_amb", "time",
         "userdef0", "userdef1", "userdef2", "userdef3", "userdef4", "userdef5", "userdef6", "userdef7", "userdef8", "userdef9"];

    /// <summary>The input's frame scalars except bg_off (the background stage makes its own).</summary>
    public static FrameScalar[] ReadFrom(RtdcFile input)
        => [.. Names.Where(f => f != "bg_off" && input.HasFeature(f))
            .Select(f => new FrameScalar(f, input.Features.First(x => x.Name == f).DType, input.ReadScalar(f)))];

    /// <summary>Appends this scalar's value for each input frame in <paramref name="frames"/>, in the input's dtype.</summary>
    public void AppendTo(RtdcWriter writer, ReadOnlySpan<long> frames)
    {
        switch (DType)
        {
            case "int32":
                writer.AppendScalar<int>(Name, Select(frames, v => (int)v));
                break;
            case "uint32":
                writer.AppendScalar<uint>(Name, Select(frames, v => (uint)v));
                break;
            case "int64":
                writer.AppendScalar<long>(Name, Select(frames, v => (long)v));
                break;
            case "uint64":
                writer.AppendScalar<ulong>(Name, Select(frames, v => (ulong)v));
                break;
            case "float32":
                writer.AppendScalar<float>(Name, Select(frames, v => (float)v));
                break;
            default:
                writer.AppendScalar<double>(Name, Select(frames, v => v));
                break;
        }
    }

    private T[] Select<T>(ReadOnlySpan<long> frames, Func<double, T> cast)
    {
        var values = new T[frames.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = cast(Values[frames[i]]);
        return values;
    }
}
