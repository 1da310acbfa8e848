using Dcnum.Labels;
using Dcnum.Segmentation;

namespace Dcnum.Tests.Labels;

/// <summary>
/// Deliberately plain full-frame implementations of dcnum's labelling and process_labels, written
/// straight from the reference's semantics (no regions, no union-find), to check the fast kernels.
/// </summary>
internal static class NaiveLabelReference
{
    /// <summary>scipy.ndimage.label, 8-connected: objects numbered in the raster order of their first pixel.</summary>
    public static ushort[] Label8(bool[] fg, int h, int w)
    {
        var labels = new ushort[h * w];
        var queue = new Queue<int>();
        ushort next = 0;
        for (int start = 0; start < fg.Length; start++)
        {
            if (!fg[start] || labels[start] != 0)
                continue;
            labels[start] = ++next;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                int i = queue.Dequeue();
                int y = i / w, x = i % w;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int yy = y + dy, xx = x + dx;
                        if (yy < 0 || yy >= h || xx < 0 || xx >= w)
                            continue;
                        int j = yy * w + xx;
                        if (fg[j] && labels[j] == 0)
                        {
                            labels[j] = next;
                            queue.Enqueue(j);
                        }
                    }
                }
            }
        }
        return labels;
    }

    /// <summary>Segmenter.process_labels on a full frame, step by step as dcnum writes it.</summary>
    public static ushort[] Process(ushort[] input, int h, int w, MaskSettings settings)
    {
        var labels = (ushort[])input.Clone();
        bool[]? binary = null;
        if (settings.ClearBorder)
        {
            var border = new HashSet<ushort>();
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    if (y == 0 || y == h - 1 || x == 0 || x == w - 1)
                        border.Add(labels[y * w + x]);
                }
            }
            border.Remove(0);
            for (int i = 0; i < labels.Length; i++)
            {
                if (border.Contains(labels[i]))
                    labels[i] = 0;
            }
        }
        if (settings.FillHoles)
        {
            var u8 = new byte[h * w];
            for (int i = 0; i < u8.Length; i++)
                u8[i] = labels[i] > 0 ? (byte)1 : (byte)0;
            for (int x = 0; x < w; x++)
                u8[x] = 0;
            u8[w] = 0;
            u8[w + 1] = 0;
            // cv2.floodFill from (0, 0) with 255, 4-connected, same value as the seed
            var stack = new Stack<int>();
            byte seedValue = u8[0];
            u8[0] = 255;
            stack.Push(0);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                int y = i / w, x = i % w;
                for (int n = 0; n < 4; n++)
                {
                    int yy = y + (n == 0 ? -1 : n == 1 ? 1 : 0), xx = x + (n == 2 ? -1 : n == 3 ? 1 : 0);
                    if (yy < 0 || yy >= h || xx < 0 || xx >= w)
                        continue;
                    int j = yy * w + xx;
                    if (u8[j] == seedValue)
                    {
                        u8[j] = 255;
                        stack.Push(j);
                    }
                }
            }
            binary = new bool[h * w];
            for (int i = 0; i < u8.Length; i++)
                binary[i] = u8[i] != 255;
        }
        if (settings.ClosingDisk != 0)
        {
            binary ??= labels.Select(l => l > 0).ToArray();
            int r = settings.ClosingDisk;
            byte[] element = DiskFootprint.Element(r);
            int n = 2 * r + 1;
            // cv2.erode: min over the element; outside the image counts as the maximum (255)
            var eroded = new bool[h * w];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    bool all = true;
                    for (int ey = 0; ey < n && all; ey++)
                    {
                        for (int ex = 0; ex < n && all; ex++)
                        {
                            if (element[ey * n + ex] == 0)
                                continue;
                            int yy = y + ey - r, xx = x + ex - r;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w && !binary[yy * w + xx])
                                all = false;
                        }
                    }
                    eroded[y * w + x] = all;
                }
            }
            // cv2.dilate: max over the element; outside the image counts as the minimum (0)
            var dilated = new bool[h * w];
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    bool any = false;
                    for (int ey = 0; ey < n && !any; ey++)
                    {
                        for (int ex = 0; ex < n && !any; ex++)
                        {
                            if (element[ey * n + ex] == 0)
                                continue;
                            int yy = y + ey - r, xx = x + ex - r;
                            if (yy >= 0 && yy < h && xx >= 0 && xx < w && eroded[yy * w + xx])
                                any = true;
                        }
                    }
                    dilated[y * w + x] = any;
                }
            }
            binary = dilated;
        }
        // assert_labels: a boolean result is labelled again
        return binary is null ? labels : Label8(binary, h, w);
    }
}
