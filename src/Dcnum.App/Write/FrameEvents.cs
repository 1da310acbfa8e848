using Dcnum.Features;

namespace Dcnum.Write;

/// <summary>The events of a run of frames, in frame order, handed from a worker to the writer.</summary>
internal sealed class FrameEvents
{
    public required long FirstFrame { get; init; }
    public required int FrameCount { get; init; }
    public required EventBatch Events { get; init; }
    /// <summary>What these events hold in memory (masks, images, values): the back-pressure unit.</summary>
    public required long Bytes { get; init; }
    /// <summary>Per event: the frame's image (drain only, else null); pooled, longer than needed.</summary>
    public byte[]? Images { get; init; }
    /// <summary>Per event: the frame's background image (per-frame backgrounds only, else null); pooled.</summary>
    public byte[]? Backgrounds { get; init; }
    /// <summary>Per event: bg_off (null without offset).</summary>
    public double[]? BgOff { get; init; }
}
