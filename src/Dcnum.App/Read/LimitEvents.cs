using System.Globalization;
using Dcnum.Common;

namespace Dcnum.Read;

/// <summary>How many events/frames of the input to process: chipstream-cli's <c>--limit-events</c>.</summary>
/// <remarks>
/// chipstream-cli: "0" → none; "N" → the first N; "a-b" or "a-b-c" → a Python slice with
/// "n" for None. dcnum's data PPID encodes it as <c>i=0</c>, <c>i=N</c>, <c>i=a-b-c</c>.
/// </remarks>
public readonly record struct LimitEvents(long? Count, long? Start, long? Stop, long? Step, bool IsSlice)
{
    public static LimitEvents None => default;

    public bool IsNone => !IsSlice && Count is null;

    public static LimitEvents Parse(string text)
    {
        text = text.Trim();
        if (text is "0" or "")
            return None;
        if (!text.Contains('-'))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
                throw new UsageException($"--limit-events: '{text}' is not a number, 'a-b' or 'a-b-c'");
            return new LimitEvents(count, null, null, null, false);
        }
        string[] parts = text.Split('-');
        if (parts.Length is not (2 or 3))
            throw new UsageException($"--limit-events: '{text}': a range has 2 or 3 parts ('5000-7000', '5000-7000-2')");
        long? start = Part(parts[0]);
        long? stop = Part(parts[1]);
        long? step = parts.Length == 3 ? Part(parts[2]) : null;
        if (step == 0)
            throw new UsageException($"--limit-events: '{text}': the step must not be zero");
        return new LimitEvents(null, start, stop, step, true);

        long? Part(string p)
        {
            if (p == "n")
                return null;
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out long v))
                throw new UsageException($"--limit-events: '{text}': '{p}' is neither a number nor 'n'");
            return v;
        }
    }
}
