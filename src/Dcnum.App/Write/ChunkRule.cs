namespace Dcnum.Write;

/// <summary>dcnum's <c>write.writer.get_best_nd_chunks</c>: about 1 MiB per chunk, 10 to 1000 rows.</summary>
public static class ChunkRule
{
    public const int TargetBytes = 1024 * 1024;

    /// <summary>Rows per chunk for rows of <paramref name="rowBytes"/> bytes.</summary>
    public static int Rows(long rowBytes) => (int)Math.Min(1000, Math.Max(10, TargetBytes / Math.Max(1, rowBytes)));
}
