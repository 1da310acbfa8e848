using System.Runtime.CompilerServices;

namespace Dcnum.Features.Texture;

/// <summary>
/// Terms of the Shannon entropy in bits of a distribution given as integer counts over a known
/// total, <c>Σ (c/T)·(log2 T − log2 c)</c>, zero counts contributing nothing.
/// dcnum counterpart: mahotas' <c>_entropy</c> (log base 2, <c>p == 0</c> terms dropped).
/// </summary>
/// <remarks>
/// <c>log2</c> comes from an <see cref="ILog2"/> source: a table
/// for every count up to 2¹⁶ (any co-occurrence matrix of an 80×400 frame), <c>Math.Log2</c>
/// beyond. The callers pick one per matrix, so their loops hold no call (a call on even a rare
/// path made the compiler keep the running sums in memory).
/// </remarks>
internal static class CountEntropy
{
    private const int TableSize = 1 << 16;

    private static readonly double[] s_log2 = BuildTable();

    /// <summary>True when every count of a matrix with <paramref name="total"/> entries is in the table.</summary>
    public static bool InTable(long total) => total < TableSize;

    /// <summary>The table source (valid for counts ≤ a total with <see cref="InTable"/>).</summary>
    public static TableLog2 Table => new(s_log2);

    /// <summary>
    /// <c>c·(log2 T − log2 c)</c>, the contribution of one count before the division by T.
    /// A count equal to the total gives exactly 0, as mahotas' <c>log2(1.0)</c> does (its
    /// <c>HX == 0</c> test for a one-grey-level matrix depends on that).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Term<TLog2>(long count, double log2Total, TLog2 log2) where TLog2 : ILog2, allows ref struct
        => count * (log2Total - log2.Of(count));

    private static double[] BuildTable()
    {
        var table = new double[TableSize];
        table[0] = 0.0; // see ILog2: a zero count's term is then exactly +0.0
        for (int c = 1; c < TableSize; c++)
            table[c] = Math.Log2(c);
        return table;
    }
}

/// <summary>
/// A source of <c>log2(c)</c> for counts <c>c ≥ 1</c>, and 0 for <c>c = 0</c>, so that a zero
/// count's term <c>0·(log2 T − 0)</c> is +0.0 and sums may add it instead of branching.
/// </summary>
internal interface ILog2
{
    double Of(long count);
}

/// <summary><c>log2</c> by table lookup (the table holds <c>Math.Log2(c)</c>, so the values are the same).</summary>
internal readonly ref struct TableLog2(ReadOnlySpan<double> table) : ILog2
{
    private readonly ReadOnlySpan<double> _table = table;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Of(long count) => _table[(int)count];
}

/// <summary><c>log2</c> computed, for matrices whose counts exceed the table.</summary>
internal readonly struct MathLog2 : ILog2
{
    public double Of(long count) => count == 0 ? 0.0 : Math.Log2(count);
}
