using System.Globalization;
using System.Text;

namespace Dcnum.Write;

/// <summary>
/// JSON text exactly as Python's <c>json.dumps(obj, indent=2)</c> writes it (ASCII only, <c>\uXXXX</c>
/// escapes, ", "/": " separators). dcnum keys basins on the MD5 of this text, so every byte counts.
/// Values: string, null, bool, long, double, IReadOnlyList&lt;string&gt;, and nested ordered objects
/// as IReadOnlyList&lt;KeyValuePair&lt;string, object?&gt;&gt;.
/// </summary>
public static class PythonJson
{
    public static string Dumps(IReadOnlyList<KeyValuePair<string, object?>> obj)
    {
        var sb = new StringBuilder();
        WriteValue(sb, obj, 0);
        return sb.ToString();
    }

    private static void WriteValue(StringBuilder sb, object? value, int level)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case string s: WriteString(sb, s); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case double d: sb.Append(Meta.PpidText.PythonRepr(d)); break;
            case IReadOnlyList<KeyValuePair<string, object?>> o:
                if (o.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }
                sb.Append('{');
                for (int k = 0; k < o.Count; k++)
                {
                    sb.Append(k == 0 ? "\n" : ",\n").Append(' ', 2 * (level + 1));
                    WriteString(sb, o[k].Key);
                    sb.Append(": ");
                    WriteValue(sb, o[k].Value, level + 1);
                }
                sb.Append('\n').Append(' ', 2 * level).Append('}');
                break;
            case System.Collections.IList list:
                if (list.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }
                sb.Append('[');
                for (int k = 0; k < list.Count; k++)
                {
                    sb.Append(k == 0 ? "\n" : ",\n").Append(' ', 2 * (level + 1));
                    WriteValue(sb, list[k], level + 1);
                }
                sb.Append('\n').Append(' ', 2 * level).Append(']');
                break;
            default:
                throw new ArgumentException($"cannot write {value.GetType().Name} as JSON");
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
