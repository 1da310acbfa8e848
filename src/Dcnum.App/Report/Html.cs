using System.Globalization;
using System.Text;
using Dcnum.Common;

namespace Dcnum.Report;

/// <summary>
/// What every page we write shares (a file's report, the batch's index page): escaping so that
/// the page stays well-formed (it parses as XML too), the head with the one style sheet,
/// key-value rows, and writing the page atomically.
/// </summary>
public static class Html
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
            return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>The doctype, the polyglot XHTML root, the head (title, style sheet) and the opening body tag.</summary>
    public static void Begin(StringBuilder h, string title)
    {
        h.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        h.Append(CultureInfo.InvariantCulture, $"<title>{Escape(title)}</title>\n");
        h.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
    }

    /// <summary>One row of a key-value table (<c>table.kv</c>); <paramref name="id"/> lets tests find the value.</summary>
    public static void Row(StringBuilder h, string key, string value, string? id = null)
    {
        string idAttr = id is null ? "" : $" id=\"{id}\"";
        h.Append(CultureInfo.InvariantCulture, $"<tr><th>{Escape(key)}</th><td{idAttr}>{Escape(value)}</td></tr>\n");
    }

    /// <summary>
    /// A relative link target: <paramref name="target"/> as seen from the folder <paramref name="fromFolder"/>,
    /// '/'-separated, each segment percent-encoded (a space or '#' in a file name stays part of the path).
    /// </summary>
    public static string RelativeHref(string fromFolder, string target)
        => string.Join('/', Path.GetRelativePath(fromFolder, target).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));

    /// <summary>Writes a page under a temporary name in the same folder, then renames it: never half a page under the final name.</summary>
    public static void WriteFile(string html, string htmlPath)
    {
        string full = Path.GetFullPath(htmlPath);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp~");
        try
        {
            File.WriteAllText(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
                File.Delete(temp);
            throw DcnumException.ForFile(htmlPath, $"cannot write the report ({ex.Message.TrimEnd('.')})", ex);
        }
    }

    private const string Css =
        "body{font-family:sans-serif;margin:24px auto;max-width:1240px;color:#111;background:#fff}"
        + "h1{font-size:22px;margin:0}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #ccc}"
        + ".path{color:#555;margin:4px 0 0;font-size:13px}"
        + "table{border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:3px 10px;vertical-align:top}"
        + "table.kv th{font-weight:normal;color:#444}table.grid th{background:#f0f0f0}table.grid td,table.grid th{border:1px solid #ddd}"
        + "td.num{text-align:right}"
        + "code{font-size:12px}.bad{color:#b00;font-weight:bold}.empty{font-size:16px;color:#555}"
        + "figure{margin:6px 10px 6px 0;display:inline-block;vertical-align:top}figcaption{font-size:12px;color:#333;max-width:620px}"
        + ".row{display:flex;flex-wrap:wrap}.montage{display:flex;flex-wrap:wrap;gap:6px}"
        + ".tile{margin:0}.tile figcaption{text-align:center}img{image-rendering:pixelated}.foot{color:#777;font-size:12px;margin-top:30px}";
}
