using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dcnum.Features.Texture;

/// <summary>
/// The 22 Haralick texture features of one event (<c>tex_*_avg</c>, <c>tex_*_ptp</c>).
/// dcnum counterpart: <c>dcnum.feat.feat_texture.haralick_texture_features</c>, i.e.
/// <c>mahotas.features.haralick(uint8((image_corr − min_in_mask + 1)·mask), ignore_zeros=True,
/// return_mean_ptp=True)</c>: mean and peak-to-peak over the four 2-D directions at distance 1.
/// </summary>
public static class HaralickFeatures
{
    /// <summary>Number of outputs.</summary>
    public const int Count = 2 * HaralickDirection.FeatureCount;

    private static readonly string[] s_names =
    [
        "tex_asm_avg", "tex_asm_ptp",
        "tex_con_avg", "tex_con_ptp",
        "tex_cor_avg", "tex_cor_ptp",
        "tex_den_avg", "tex_den_ptp",
        "tex_ent_avg", "tex_ent_ptp",
        "tex_f12_avg", "tex_f12_ptp",
        "tex_f13_avg", "tex_f13_ptp",
        "tex_idm_avg", "tex_idm_ptp",
        "tex_sen_avg", "tex_sen_ptp",
        "tex_sva_avg", "tex_sva_ptp",
        "tex_var_avg", "tex_var_ptp",
    ];

    /// <summary>The 22 feature names in output order (dcnum's <c>haralick_names</c>).</summary>
    public static ReadOnlySpan<string> Names => s_names;

    /// <summary>
    /// Computes the 22 features of the event <paramref name="mask"/> in a frame
    /// (<paramref name="height"/> × <paramref name="width"/>, row-major), with
    /// <c>image_corr = int16(image) − image_bg</c> (no <c>bg_off</c>, as in dcnum).
    /// Writes NaN to all 22 when the mask is empty or a direction has no in-mask pair.
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> image, ReadOnlySpan<byte> imageBg, ReadOnlySpan<bool> mask,
        int height, int width, HaralickScratch scratch, Span<double> features)
    {
        CheckSizes(image.Length, mask.Length, height, width, features.Length);
        if (imageBg.Length != image.Length)
            throw new ArgumentException("image_bg and image differ in size", nameof(imageBg));
        Span<short> corr = scratch.FrameCorr(image.Length);
        for (int i = 0; i < corr.Length; i++)
            corr[i] = (short)(image[i] - imageBg[i]);
        scratch.FrameMask.FromFrame(mask, height, width);
        Compute(corr, width, scratch.FrameMask, scratch, features);
    }

    /// <summary>As the other overload, from a precomputed <c>image_corr</c> (int16).</summary>
    public static void Compute(ReadOnlySpan<short> imageCorr, ReadOnlySpan<bool> mask,
        int height, int width, HaralickScratch scratch, Span<double> features)
    {
        CheckSizes(imageCorr.Length, mask.Length, height, width, features.Length);
        scratch.FrameMask.FromFrame(mask, height, width);
        Compute(imageCorr, width, scratch.FrameMask, scratch, features);
    }

    /// <summary>
    /// As the other overloads, for an event's <paramref name="mask"/> cut to its box; only the
    /// box's pixels of <paramref name="imageCorr"/> (a frame <paramref name="width"/> wide) are read.
    /// </summary>
    public static void Compute(ReadOnlySpan<short> imageCorr, int width, EventMask mask, HaralickScratch scratch, Span<double> features)
    {
        if (features.Length < Count)
            throw new ArgumentException($"need room for {Count} features, got {features.Length}");
        if (!TryQuantize(imageCorr, width, mask, scratch, out int maxLevel))
        {
            features[..Count].Fill(double.NaN);
            return;
        }
        int rows = mask.Rows, cols = mask.Cols;
        bool complete = rows * cols <= GreyLevelCooccurrence.NarrowCellsUpTo
            ? CountAndEvaluate(scratch.Narrow, rows, cols, maxLevel, scratch)
            : CountAndEvaluate(scratch.Wide, rows, cols, maxLevel, scratch);
        if (!complete)
        {
            // dcnum catches mahotas' "the input is empty" ValueError and keeps NaN
            features[..Count].Fill(double.NaN);
            return;
        }
        ReadOnlySpan<double> perDirection = scratch.PerDirection;
        const int n = HaralickDirection.FeatureCount;
        for (int f = 0; f < n; f++)
        {
            double f0 = perDirection[f], f1 = perDirection[n + f], f2 = perDirection[2 * n + f], f3 = perDirection[3 * n + f];
            // numpy: features.mean(axis=0) adds the direction rows in order; np.ptp = max − min
            features[2 * f] = (((f0 + f1) + f2) + f3) / 4.0;
            features[2 * f + 1] = Math.Max(Math.Max(f0, f1), Math.Max(f2, f3)) - Math.Min(Math.Min(f0, f1), Math.Min(f2, f3));
        }
    }

    private static bool CountAndEvaluate<TCell>(GreyLevelCooccurrence<TCell> cooccurrence, int rows, int cols, int maxLevel, HaralickScratch scratch)
        where TCell : unmanaged, IBinaryInteger<TCell>
    {
        cooccurrence.Count(scratch.Levels(GreyLevelCooccurrence.PaddedLength(rows, cols)), rows, cols, maxLevel);
        bool complete = HaralickDirection.Evaluate(cooccurrence, scratch.RowSums, scratch.SumCounts, scratch.DiffCounts, scratch.PerDirection);
        if (!complete)
            cooccurrence.Clear(); // Evaluate stopped before its walk zeroed the cells
        return complete;
    }

    /// <summary>
    /// Writes <c>uint8((image_corr − min + 1)·mask)</c> over the mask's bounding box into the
    /// scratch, padded for <see cref="GreyLevelCooccurrence{TCell}.Count"/>. mahotas gets the whole frame,
    /// but with ignore_zeros only pairs of two non-zero (in-mask) pixels count, and every such
    /// pair lies inside the box.
    /// </summary>
    /// <remarks>
    /// Eight pixels at a time, the rest one by one; branch-free throughout (the mask's edges are
    /// unpredictable): pixels outside the mask count as short.MaxValue for the minimum and are
    /// multiplied by their mask bit (0) for the level. The level is computed modulo 2¹⁶ and cut to
    /// its low byte, which is the same as the uint8 wrap of the exact difference.
    /// </remarks>
    private static bool TryQuantize(ReadOnlySpan<short> image, int width, EventMask mask, HaralickScratch scratch, out int maxLevel)
    {
        maxLevel = 0;
        int rows = mask.Rows, cols = mask.Cols;
        if (rows == 0)
            return false;
        int vectorEnd = cols - cols % Vector128<short>.Count;
        var outsideValue = Vector128.Create(short.MaxValue);
        Vector128<short> minimum = outsideValue;
        int min = short.MaxValue;
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<byte> m = MemoryMarshal.AsBytes(mask.Row(y));
            ReadOnlySpan<short> values = image.Slice((mask.Top + y) * width + mask.Left, cols);
            for (int x = 0; x < vectorEnd; x += Vector128<short>.Count)
            {
                Vector128<short> inside = MaskBits(m, x);
                Vector128<short> value = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)x);
                minimum = Vector128.Min(minimum, Vector128.ConditionalSelect(Vector128.Equals(inside, Vector128<short>.Zero), outsideValue, value));
            }
            for (int x = vectorEnd; x < cols; x++)
            {
                int outside = m[x] - 1;
                int value = (values[x] & ~outside) | (short.MaxValue & outside);
                int diff = value - min;
                min += diff & (diff >> 31);
            }
        }
        for (int i = 0; i < Vector128<short>.Count; i++)
            min = Math.Min(min, minimum[i]);

        int s = cols + 2;
        Span<byte> levels = scratch.Levels(GreyLevelCooccurrence.PaddedLength(rows, cols));
        levels[(rows * s)..].Clear(); // the zero row below the box; every box row is written whole
        var offset = Vector128.Create((short)(1 - min));
        var lowByte = Vector128.Create((short)0xFF);
        Vector128<short> maximum = Vector128<short>.Zero;
        int max = 0;
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<byte> m = MemoryMarshal.AsBytes(mask.Row(y));
            ReadOnlySpan<short> values = image.Slice((mask.Top + y) * width + mask.Left, cols);
            Span<byte> row = levels.Slice(y * s, s);
            row[0] = 0;
            row[s - 1] = 0;
            for (int x = 0; x < vectorEnd; x += Vector128<short>.Count)
            {
                Vector128<short> value = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(values), (nuint)x);
                // dcnum: np.asarray(..., dtype=np.uint8) wraps modulo 256 when the in-mask range exceeds 254
                Vector128<short> level = ((value + offset) & lowByte) * MaskBits(m, x);
                maximum = Vector128.Max(maximum, level);
                Vector128<byte> bytes = Vector128.Narrow(level.AsUInt16(), level.AsUInt16());
                bytes.GetLower().StoreUnsafe(ref row[1], (nuint)x);
            }
            for (int x = vectorEnd; x < cols; x++)
            {
                int level = unchecked((byte)(values[x] - min + 1)) * m[x];
                row[x + 1] = (byte)level;
                int diff = level - max;
                max += diff & ~(diff >> 31);
            }
        }
        for (int i = 0; i < Vector128<short>.Count; i++)
            max = Math.Max(max, maximum[i]);
        maxLevel = max;
        return true;
    }

    /// <summary>Mask bits x … x + 7 of a row (0 or 1) as shorts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<short> MaskBits(ReadOnlySpan<byte> m, int x)
        => Vector128.WidenLower(Vector128.CreateScalarUnsafe(MemoryMarshal.Read<ulong>(m[x..])).AsByte()).AsInt16();

    private static void CheckSizes(int imageLength, int maskLength, int height, int width, int featureLength)
    {
        if (height <= 0 || width <= 0 || imageLength != height * width)
            throw new ArgumentException($"image of {imageLength} pixels is not {height}×{width}");
        if (maskLength != imageLength)
            throw new ArgumentException("mask and image differ in size");
        if (featureLength < Count)
            throw new ArgumentException($"need room for {Count} features, got {featureLength}");
    }
}
