using Dcnum.Read;

namespace Dcnum.Background;

/// <summary>
/// The time of every frame in seconds from the first, as sparsemed uses it: the <c>time</c>
/// feature; else <c>frame</c> / frame rate; else an approximate duration (count / frame rate · 1.5,
/// or count / 3600 · 1.5 without a frame rate) spread evenly (<c>np.linspace</c>).
/// </summary>
public static class TimeAxis
{
    public static double[] For(RtdcFile file, int frames, out string? note)
    {
        note = null;
        if (file.HasFeature("time"))
            return RelativeToFirst(file.ReadScalar("time"), frames);
        if (file.AttributeNumber("imaging:frame rate") is double fr)
        {
            if (file.HasFeature("frame"))
            {
                double[] frame = file.ReadScalar("frame");
                for (int i = 0; i < frame.Length; i++)
                    frame[i] /= fr;
                return RelativeToFirst(frame, frames);
            }
            double approximate = frames / fr * 1.5;
            note = $"Approximating duration: {approximate / 60:0.0}min";
            return Linspace(approximate, frames);
        }
        double guess = frames / 3600.0 * 1.5;
        note = $"Guessing duration: {guess / 60:0.0}min";
        return Linspace(guess, frames);
    }

    private static double[] RelativeToFirst(double[] t, int frames)
    {
        if (t.Length < frames)
            throw new InvalidDataException($"time axis has {t.Length} values for {frames} frames");
        double first = t[0];
        var result = new double[frames];
        for (int i = 0; i < frames; i++)
            result[i] = t[i] - first;
        return result;
    }

    /// <summary>numpy's <c>linspace(0, stop, n, endpoint=True)</c>: i·step, the last value exactly <paramref name="stop"/>.</summary>
    public static double[] Linspace(double stop, int n)
    {
        var values = new double[n];
        if (n == 1)
            return values;
        double step = stop / (n - 1);
        for (int i = 0; i < n; i++)
            values[i] = i * step;
        values[n - 1] = stop;
        return values;
    }
}
