using System.Text;

namespace Dcnum.Report;

/// <summary>Text for the page: escaped so that the page stays well-formed (it parses as XML too).</summary>
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
}
