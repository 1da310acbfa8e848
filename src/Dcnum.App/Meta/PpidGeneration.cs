namespace Dcnum.Meta;

/// <summary>dcnum's <c>DCNUM_PPID_GENERATION</c>: the pipeline generation whose results we reproduce.</summary>
public static class PpidGeneration
{
    public const string Value = "13";
}
