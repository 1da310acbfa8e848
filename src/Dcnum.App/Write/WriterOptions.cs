using Dcnum.Common;

namespace Dcnum.Write;

/// <summary>
/// How the output is written: dcnum's job <c>compression</c> ("none", "zstd-1" … "zstd-9"),
/// overwriting, and how many chunks may be compressed at once (the job's <c>--num-cpus</c>).
/// </summary>
public sealed record WriterOptions(int ZstdLevel = 5, bool Overwrite = false, int CompressionThreads = 0)
{
    /// <summary>Chunks compressed at once: <see cref="CompressionThreads"/>, or every core when 0.</summary>
    public int Parallelism => CompressionThreads > 0 ? CompressionThreads : Environment.ProcessorCount;

    public static WriterOptions Default { get; } = new();

    /// <summary>Parses dcnum's compression names; Fletcher32 is on in every case.</summary>
    public static WriterOptions FromCompression(string compression, bool overwrite = false) => compression switch
    {
        "none" => new WriterOptions(0, overwrite),
        ['z', 's', 't', 'd', '-', >= '1' and <= '9'] => new WriterOptions(compression[5] - '0', overwrite),
        _ => throw new UsageException($"compression '{compression}' is not 'none' or 'zstd-1' … 'zstd-9'"),
    };
}
