using Dcnum.Common;
using Dcnum.Read;

namespace Dcnum.Background;

/// <summary>
/// Rolling median background: frame i gets the per-pixel median (sorted index k//2) of frames
/// i … i+k−1; the last k frames repeat the last computed image. The window slides with one 256-bin
/// histogram per pixel, so each frame costs O(pixels), and images stream out in chunks.
/// dcnum counterpart: <c>feat.feat_background.bg_roll_median.BackgroundRollMed</c>
/// (scipy median_filter, size (k, 1), origin −k//2).
/// </summary>
public static class RollingMedianBackground
{
    public const int OutputChunk = 100;

    public static void Compute(RtdcFile file, RollMedSettings settings, BackgroundSink sink)
    {
        settings = settings.Validated();
        file.RequireImages();
        var (height, width) = file.ImageShape!.Value;
        int frames = checked((int)file.FeatureLength("image"));
        int k = settings.KernelSize;
        if (frames <= k)
        {
            // dcnum refuses k > frames and crashes for k == frames (no image computed).
            throw DcnumException.ForFile(file.Path,
                $"rollmed needs more frames than its kernel size: the file has {frames}, kernel_size is {k}");
        }
        int size = height * width;
        int rank = k / 2;
        var histograms = new ushort[size * 256];
        var median = new byte[size];
        var below = new ushort[size];
        // Ring of the k frames in the window.
        var ring = new byte[k * size];
        file.ReadFeatureRows<byte>("image", 0, k, ring);
        for (int f = 0; f < k; f++)
        {
            ReadOnlySpan<byte> frame = ring.AsSpan(f * size, size);
            for (int p = 0; p < size; p++)
                histograms[(p << 8) + frame[p]]++;
        }
        for (int p = 0; p < size; p++)
        {
            int seen = 0, v = 0;
            while (seen + histograms[(p << 8) + v] <= rank)
                seen += histograms[(p << 8) + v++];
            median[p] = (byte)v;
            below[p] = (ushort)seen;
        }

        int outputs = frames - k;
        var output = new byte[OutputChunk * size];
        // Incoming frames are read a block at a time: one HDF5 chunk decompression per block, not per frame.
        var incoming = new byte[OutputChunk * size];
        long incomingFirst = -1;
        int pending = 0;
        long firstPending = 0;
        for (int i = 0; i < outputs; i++)
        {
            median.CopyTo(output.AsSpan(pending * size, size));
            pending++;
            if (pending == OutputChunk)
            {
                sink(firstPending, output, pending);
                firstPending += pending;
                pending = 0;
            }
            if (i + 1 == outputs)
                break;
            // Slide: frame i leaves, frame i+k enters (it takes frame i's place in the ring).
            long next = i + k;
            if (incomingFirst < 0 || next >= incomingFirst + OutputChunk)
            {
                incomingFirst = next;
                int n = (int)Math.Min(OutputChunk, frames - next);
                file.ReadFeatureRows<byte>("image", next, n, incoming.AsSpan(0, n * size));
            }
            ReadOnlySpan<byte> entering = incoming.AsSpan((int)(next - incomingFirst) * size, size);
            Span<byte> slot = ring.AsSpan(i % k * size, size);
            Slide(histograms, median, below, slot, entering, rank);
            entering.CopyTo(slot);
        }
        // The last k frames repeat the last computed image.
        for (int i = outputs; i < frames; i++)
        {
            if (pending == OutputChunk)
            {
                sink(firstPending, output, pending);
                firstPending += pending;
                pending = 0;
            }
            median.CopyTo(output.AsSpan(pending * size, size));
            pending++;
        }
        if (pending > 0)
            sink(firstPending, output, pending);
    }

    private static void Slide(ushort[] histograms, byte[] median, ushort[] below, ReadOnlySpan<byte> leaving, ReadOnlySpan<byte> entering, int rank)
    {
        for (int p = 0; p < median.Length; p++)
        {
            int h = p << 8;
            int m = median[p];
            int b = below[p];
            int vOut = leaving[p], vIn = entering[p];
            histograms[h + vOut]--;
            if (vOut < m)
                b--;
            histograms[h + vIn]++;
            if (vIn < m)
                b++;
            // Move m until count(< m) ≤ rank < count(≤ m).
            while (b > rank)
            {
                m--;
                b -= histograms[h + m];
            }
            while (b + histograms[h + m] <= rank)
            {
                b += histograms[h + m];
                m++;
            }
            median[p] = (byte)m;
            below[p] = (ushort)b;
        }
    }
}
