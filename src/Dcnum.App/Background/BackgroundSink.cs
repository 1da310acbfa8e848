namespace Dcnum.Background;

/// <summary>Receives per-frame background images in frame order: (first frame, images, count).</summary>
public delegate void BackgroundSink(long firstFrame, ReadOnlySpan<byte> images, int count);
