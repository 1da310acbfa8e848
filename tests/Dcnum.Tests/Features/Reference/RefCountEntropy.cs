namespace Dcnum.Tests.Features.Reference;

// Test-only reference: src/Dcnum.App/Features/Texture as of commit 4746eae, before the
// bounding-box rework, kept unchanged as the yardstick of BoundingBoxParityTest.

/// <summary>
/// Shannon entropy in bits of a distribution given as integer counts over a known total,
/// <c>Σ (c/T)·(log2 T − log2 c)</c>, zero counts contributing nothing.
/// dcnum counterpart: mahotas' <c>_entropy</c> (log base 2, <c>p == 0</c> terms dropped).
/// </summary>
internal static class RefCountEntropy
{
    // log2(c) for every count a co-occurrence matrix of an 80×400 frame can hold.
    private const int TableSize = 1 << 16;

    private static readonly double[] s_log2 = BuildTable();

    /// <summary><c>log2(c)</c> for <c>c ≥ 1</c>.</summary>
    public static double Log2(long count)
        => count < TableSize ? s_log2[count] : Math.Log2(count);

    /// <summary>
    /// <c>c·(log2 T − log2 c)</c>, the contribution of one count before the division by T.
    /// A count equal to the total gives exactly 0, as mahotas' <c>log2(1.0)</c> does (its
    /// <c>HX == 0</c> test for a one-grey-level matrix depends on that).
    /// </summary>
    public static double Term(long count, double log2Total) => count * (log2Total - Log2(count));

    /// <summary>Entropy (bits) of <paramref name="counts"/>, whose sum is <paramref name="total"/> &gt; 0.</summary>
    public static double Bits(ReadOnlySpan<int> counts, long total)
    {
        double log2Total = Log2(total);
        double sum = 0.0;
        foreach (int c in counts)
        {
            if (c != 0)
                sum += Term(c, log2Total);
        }
        return sum / total;
    }

    private static double[] BuildTable()
    {
        var table = new double[TableSize];
        table[0] = double.NegativeInfinity;
        for (int c = 1; c < TableSize; c++)
            table[c] = Math.Log2(c);
        return table;
    }
}
