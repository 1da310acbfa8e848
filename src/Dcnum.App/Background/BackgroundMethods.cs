namespace Dcnum.Background;

/// <summary>The background methods dcnum offers (PPID code = lower-case class name without "Background").</summary>
public static class BackgroundMethods
{
    public static readonly string[] Codes = ["copy", "rollmed", "sparsemed"];
}
