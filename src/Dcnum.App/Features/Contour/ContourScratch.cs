namespace Dcnum.Features.Contour;

/// <summary>Buffers reused for every event of one worker (no allocation per event).</summary>
public sealed class ContourScratch
{
    public int[] Contour = new int[1024];
    public int[] Hull = new int[256];
    public int[] HullWork = new int[512];
}
