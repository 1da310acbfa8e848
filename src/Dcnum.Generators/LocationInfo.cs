using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dcnum.Generators;

/// <summary>Where a declaration is, kept as plain values (a <see cref="Location"/> holds its syntax tree).</summary>
public sealed record LocationInfo(string Path, TextSpan Span, LinePositionSpan Lines)
{
    public Location ToLocation() => Location.Create(Path, Span, Lines);

    public static LocationInfo From(SyntaxReference? reference)
    {
        if (reference is null)
            return new LocationInfo("", default, default);
        Location location = reference.GetSyntax().GetLocation();
        return new LocationInfo(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
    }
}
