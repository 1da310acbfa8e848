namespace Dcnum.Labels;

/// <summary>A kept label: its pixel count and bounding box (rows <c>Top..Bottom</c>, columns <c>Left..Right</c>, inclusive).</summary>
public readonly record struct LabelBox(ushort Label, int Size, int Top, int Bottom, int Left, int Right)
{
    public int Rows => Bottom - Top + 1;

    public int Cols => Right - Left + 1;
}
