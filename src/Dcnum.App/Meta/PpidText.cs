using System.Globalization;
using System.Numerics;

namespace Dcnum.Meta;

/// <summary>
/// Value text of PPID kwargs and Python-like parsing of KEY=VALUE values.
/// dcnum counterpart: <c>meta.ppid.kwargs_to_ppid</c> (formatting) and <c>convert_to_dtype</c> (parsing).
/// </summary>
public static class PpidText
{
    // dcnum: bools are printed as int(val)
    public static string Bool(bool value) => value ? "1" : "0";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float as dcnum prints it: equal to an int -> the int's digits, else Python <c>str(float)</c>.</summary>
    public static string Float(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "dcnum cannot print a non-finite kwarg (int(val) fails)");
        if (value == Math.Truncate(value))
        {
            // dcnum: int(val) -> exact integer text, however large
            return new BigInteger(value).ToString(CultureInfo.InvariantCulture);
        }
        return PythonRepr(value);
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, exponent form if decpt &lt;= -4 or &gt; 16.</summary>
    public static string PythonRepr(double value)
    {
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        bool negative = r.StartsWith('-');
        if (negative)
            r = r[1..];
        int exp = 0;
        int ePos = r.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..ePos];
        }
        int dot = r.IndexOf('.');
        string intPart = dot >= 0 ? r[..dot] : r;
        string fracPart = dot >= 0 ? r[(dot + 1)..] : "";
        string digits = (intPart + fracPart).TrimStart('0');
        int leadingZeros = (intPart + fracPart).Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            return negative ? "-0.0" : "0.0";
        // value = 0.DIGITS * 10^decpt
        int decpt = intPart.Length - leadingZeros + exp;
        string body;
        if (decpt <= -4 || decpt > 16)
        {
            int e = decpt - 1;
            string mant = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            body = mant + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (decpt <= 0)
        {
            body = "0." + new string('0', -decpt) + digits;
        }
        else if (decpt >= digits.Length)
        {
            body = digits + new string('0', decpt - digits.Length) + ".0";
        }
        else
        {
            body = digits[..decpt] + "." + digits[decpt..];
        }
        return negative ? "-" + body : body;
    }

    /// <summary>Python <c>float(text)</c>.</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        string t = text.Trim();
        string lower = t.ToLowerInvariant();
        string unsigned = lower.TrimStart('+', '-');
        bool neg = lower.StartsWith('-');
        if (unsigned.Length == lower.Length - 1 || unsigned.Length == lower.Length)
        {
            if (unsigned is "inf" or "infinity")
            {
                value = neg ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }
            if (unsigned == "nan")
            {
                value = double.NaN;
                return true;
            }
        }
        if (!TryStripUnderscores(t, out string s) || s.Length == 0 || !char.IsAsciiDigit(s[^1]) && s[^1] != '.')
        {
            value = 0;
            return false;
        }
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Python <c>int(text)</c> (base 10).</summary>
    public static bool TryParseInt(string text, out long value)
    {
        if (!TryStripUnderscores(text.Trim(), out string s))
        {
            value = 0;
            return false;
        }
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>dcnum <c>convert_to_dtype(value, bool)</c>: true/yes/false/no, else <c>bool(float(value))</c>.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        string lower = text.ToLowerInvariant();
        if (lower is "true" or "yes")
        {
            value = true;
            return true;
        }
        if (lower is "false" or "no")
        {
            value = false;
            return true;
        }
        if (TryParseFloat(text, out double f))
        {
            // Python: bool(nan) is True
            value = f != 0.0;
            return true;
        }
        value = false;
        return false;
    }

    // Python allows single underscores between digits ("1_000").
    private static bool TryStripUnderscores(string t, out string result)
    {
        if (!t.Contains('_'))
        {
            result = t;
            return true;
        }
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] != '_')
                continue;
            if (i == 0 || i == t.Length - 1 || !char.IsAsciiDigit(t[i - 1]) || !char.IsAsciiDigit(t[i + 1]))
            {
                result = t;
                return false;
            }
        }
        result = t.Replace("_", "", StringComparison.Ordinal);
        return true;
    }

    /// <summary>
    /// Abbreviation of each kwarg name: the shortest prefix unique among <paramref name="names"/>.
    /// dcnum counterpart: <c>meta.ppid.get_unique_prefix</c> (same pairwise rule).
    /// </summary>
    public static string[] UniquePrefixes(IReadOnlyList<string> names)
    {
        var lengths = new int[names.Count];
        Array.Fill(lengths, 1);
        for (int i = 0; i < names.Count; i++)
        {
            for (int j = 0; j < names.Count; j++)
            {
                if (i == j)
                    continue;
                // dcnum: AbrvStr.meet; "a" is the shorter string (ties: the other one)
                int ia = names[i].Length >= names[j].Length ? j : i;
                int ib = ia == i ? j : i;
                string a = names[ia];
                string b = names[ib];
                int al = 1;
                int bl = 1;
                while (b[..Math.Min(bl, b.Length)].StartsWith(a[..Math.Min(al, a.Length)], StringComparison.Ordinal))
                {
                    if (bl == a.Length)
                    {
                        bl++;
                        break;
                    }
                    al++;
                    bl++;
                }
                lengths[ia] = Math.Max(lengths[ia], al);
                lengths[ib] = Math.Max(lengths[ib], bl);
            }
        }
        var result = new string[names.Count];
        for (int i = 0; i < names.Count; i++)
            result[i] = names[i][..Math.Min(lengths[i], names[i].Length)];
        return result;
    }
}
