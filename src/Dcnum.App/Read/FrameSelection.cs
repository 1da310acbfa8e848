using Dcnum.Common;

namespace Dcnum.Read;

/// <summary>
/// The input frames a job processes: all of them, or <c>--limit-events</c>'s arithmetic run
/// <c>Start, Start+Step, …</c> (<see cref="Count"/> frames). Positions 0…Count−1 are what the
/// slot register sees; <see cref="RawIndex"/> turns a position into the input's frame index.
/// dcnum counterpart: <c>HDF5Data(index_mapping=…)</c> with <c>read.mapped.get_mapping_indices</c>
/// (an int N is <c>arange(N)</c>, a slice <c>arange(start, stop, step)</c>).
/// </summary>
public sealed record FrameSelection(long Start, long Step, long Count, bool IsAll, string PpidPart, LimitEvents Limit)
{
    public long RawIndex(long position) => Start + position * Step;

    public static FrameSelection All(long frames) => new(0, 1, frames, true, "0", LimitEvents.None);

    /// <summary>
    /// Resolves <c>--limit-events</c> against the input's frame count. Like dcnum, a slice needs
    /// both start and stop; unlike dcnum (which fails while reading), a selection that reaches past
    /// the last frame or selects nothing is refused up front.
    /// </summary>
    public static FrameSelection From(LimitEvents limit, long frames, string path)
    {
        if (limit.IsNone)
            return All(frames);
        long start, stop, step;
        string ppid;
        if (!limit.IsSlice)
        {
            (start, stop, step) = (0, limit.Count!.Value, 1);
            ppid = stop.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            if (limit.Start is null || limit.Stop is null)
                throw new UsageException("--limit-events: a range needs a start and a stop ('n' is allowed only for the step), as in dcnum");
            (start, stop, step) = (limit.Start.Value, limit.Stop.Value, limit.Step ?? 1);
            ppid = $"{start}-{stop}-{(limit.Step is null ? "n" : limit.Step.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        }
        long count = stop > start ? (stop - start + step - 1) / step : 0;
        if (count == 0)
            throw DcnumException.ForFile(path, $"--limit-events {ppid} selects no frames");
        long last = start + (count - 1) * step;
        if (last >= frames)
            throw DcnumException.ForFile(path, $"--limit-events {ppid} reaches frame {last}, but the input has {frames} frames (0…{frames - 1})");
        return new FrameSelection(start, step, count, false, ppid, limit);
    }
}
