using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dcnum.Features.Texture;

/// <summary>
/// The 11 Haralick features dcnum keeps, for each of the four co-occurrence directions.
/// dcnum counterpart: the rows of <c>mahotas.features.texture.haralick_features</c> (features 1–5,
/// 7–9, 11–13 of Haralick 1973; sum average, difference variance and the 14th are not kept).
/// </summary>
/// <remarks>
/// Everything mahotas sums over <c>p = S / T</c> is summed here over the integer counts and divided
/// once at the end; variances and covariances are exact integer numerators. Mathematically equal to
/// mahotas, numerically at least as accurate. Both of mahotas' HXY1 and HXY2 equal HX + HY for a
/// symmetric matrix (px = py are its marginals), which is what is used here.
/// The floating-point sums (entropies, inverse difference moment) are chains of dependent additions;
/// the four directions' chains run side by side in one loop so that they overlap, each still adding
/// its terms in its own order (hit order, or level order), so the results do not depend on it.
/// </remarks>
internal static class HaralickDirection
{
    // Positions in a per-direction row, in the order of dcnum's haralick_names.
    public const int Asm = 0, Con = 1, Cor = 2, Den = 3, Ent = 4, F12 = 5, F13 = 6, Idm = 7, Sen = 8, Sva = 9, Var = 10;

    public const int FeatureCount = 11;

    private const int Directions = GreyLevelCooccurrence.Directions;

    /// <summary>
    /// Entries per direction of the work arrays (<see cref="HaralickScratch"/>): levels, sums,
    /// differences. The arrays interleave the directions (entry k of direction d at 4·k + d), so
    /// one base addresses all four and the four directions' entries k lie side by side.
    /// </summary>
    public const int RowLength = 256, SumLength = 511, DiffLength = 256;

    /// <summary>
    /// Fills <paramref name="features"/> (4 × 11 values, direction-major) from the pair counts of
    /// <paramref name="matrices"/>. <paramref name="rowSums"/> (4 × <see cref="RowLength"/>),
    /// <paramref name="sumCounts"/> (4 × <see cref="SumLength"/>) and <paramref name="diffCounts"/>
    /// (4 × <see cref="DiffLength"/>) are work space. Returns false when a direction has no pair
    /// (mahotas raises "the input is empty"; dcnum then keeps NaN for all 22 features).
    /// </summary>
    public static bool Evaluate<TCell>(GreyLevelCooccurrence<TCell> matrices, Span<int> rowSums, Span<int> sumCounts, Span<int> diffCounts,
        Span<double> features) where TCell : unmanaged, IBinaryInteger<TCell>
    {
        // S is the symmetric matrix: S[a,b] = S[b,a] = c off the diagonal, S[a,a] = 2c; T = ΣS = 2·pairs.
        Span<long> total = stackalloc long[Directions];
        for (int d = 0; d < Directions; d++)
        {
            if (matrices.Pairs(d) == 0)
                return false;
            total[d] = 2 * matrices.Pairs(d);
        }
        long largest = Math.Max(Math.Max(total[0], total[1]), Math.Max(total[2], total[3]));
        if (CountEntropy.InTable(largest))
            Evaluate(matrices, rowSums, sumCounts, diffCounts, total, features, CountEntropy.Table);
        else
            Evaluate(matrices, rowSums, sumCounts, diffCounts, total, features, new MathLog2());
        return true;
    }

    // S is the symmetric matrix: S[a,b] = S[b,a] = c off the diagonal, S[a,a] = 2c; T = ΣS.
    private static void Evaluate<TLog2, TCell>(GreyLevelCooccurrence<TCell> matrices, Span<int> rowSums, Span<int> sumCounts,
        Span<int> diffCounts, ReadOnlySpan<long> total, Span<double> features, TLog2 log2)
        where TLog2 : ILog2, allows ref struct where TCell : unmanaged, IBinaryInteger<TCell>
    {
        int levels = matrices.Stride;
        rowSums = rowSums[..(Directions * levels)];
        sumCounts = sumCounts[..(Directions * (2 * levels - 1))];
        diffCounts = diffCounts[..(Directions * levels)];

        Span<double> entropySum = stackalloc double[Directions];
        Span<long> sumSquares = stackalloc long[Directions];
        Walk(matrices, rowSums, sumCounts, diffCounts, total, log2, entropySum, sumSquares);
        Span<double> hx = stackalloc double[Directions], sen = stackalloc double[Directions], den = stackalloc double[Directions];
        Bits(rowSums, total, log2, hx);
        Bits(sumCounts, total, log2, sen);
        Bits(diffCounts, total, log2, den);
        Span<double> inverseDifference = stackalloc double[Directions];
        InverseDifferences(diffCounts, inverseDifference);

        for (int d = 0; d < Directions; d++)
        {
            long n = total[d];
            double t = n;
            double t2 = t * t;

            long sumK = 0, sumK2 = 0;
            for (int k = 1; k < levels; k++)
            {
                long r = rowSums[Directions * k + d];
                sumK += k * r;
                sumK2 += (long)k * k * r;
            }
            long sumS = 0, sumS2 = 0;
            for (int s = 2; s < 2 * levels - 1; s++)
            {
                long q = sumCounts[Directions * s + d];
                sumS += s * q;
                sumS2 += (long)s * s * q;
            }
            long contrast = 0;
            for (int k = 1; k < levels; k++)
                contrast += (long)k * k * diffCounts[Directions * k + d];
            // Σ i·j·S[i,j] = Σ i²·r_i − ½ Σ (i − j)²·S[i,j]: exact in integers (every difference count is even)
            long sumIj = sumK2 - contrast / 2;
            Int128 varianceNumerator = (Int128)sumK2 * n - (Int128)sumK * sumK;
            Int128 covarianceNumerator = (Int128)sumIj * n - (Int128)sumK * sumK;
            Int128 sumVarianceNumerator = (Int128)sumS2 * n - (Int128)sumS * sumS;

            double entropy = entropySum[d] / t;
            double hxy = hx[d] + hx[d];
            Span<double> f = features.Slice(d * FeatureCount, FeatureCount);
            f[Asm] = sumSquares[d] / t2;
            f[Con] = contrast / t;
            // mahotas: sx == 0 or sy == 0 -> 1 (only for a single grey level, where the numerator is exactly 0)
            f[Cor] = varianceNumerator == 0 ? 1.0 : (double)covarianceNumerator / (double)varianceNumerator;
            f[Var] = (double)varianceNumerator / t2;
            f[Idm] = inverseDifference[d] / t;
            f[Sva] = (double)sumVarianceNumerator / t2;
            f[Sen] = sen[d];
            f[Ent] = entropy;
            f[Den] = den[d];
            f[F12] = hx[d] == 0.0 ? entropy - hxy : (entropy - hxy) / hx[d];
            // mahotas mixes bases here: entropies in bits, exp in base e
            f[F13] = Math.Sqrt(Math.Max(0.0, 1.0 - Math.Exp(-2.0 * (hxy - entropy))));
        }
    }

    /// <summary>
    /// One walk over each direction's hit cells, in hit order: the marginals (row sums of S), sum
    /// and difference histograms (interleaved by direction), Σ S² and the entropy sum
    /// Σ S·(log2 T − log2 S) over both triangles; each cell is zeroed once read (the matrices are
    /// then ready for the next event). The four hit lists are walked side by side: one direction's
    /// histogram increments and floating-point sum depend on each other, different directions' do not.
    /// </summary>
    private static void Walk<TLog2, TCell>(GreyLevelCooccurrence<TCell> matrices, Span<int> rowSums, Span<int> sumCounts, Span<int> diffCounts,
        ReadOnlySpan<long> total, TLog2 log2, Span<double> sums, Span<long> squares)
        where TLog2 : ILog2, allows ref struct where TCell : unmanaged, IBinaryInteger<TCell>
    {
        rowSums.Clear();
        sumCounts.Clear();
        diffCounts.Clear();
        int stride = matrices.Stride;
        ReadOnlySpan<int> h0 = matrices.HitCells(0), h1 = matrices.HitCells(1), h2 = matrices.HitCells(2), h3 = matrices.HitCells(3);
        Span<TCell> c0 = matrices.DrainCells(0), c1 = matrices.DrainCells(1), c2 = matrices.DrainCells(2), c3 = matrices.DrainCells(3);
        var histograms = new Histograms(rowSums, sumCounts, diffCounts);
        double l0 = log2.Of(total[0]), l1 = log2.Of(total[1]), l2 = log2.Of(total[2]), l3 = log2.Of(total[3]);
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        long q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        int common = Math.Min(Math.Min(h0.Length, h1.Length), Math.Min(h2.Length, h3.Length));
        for (int i = 0; i < common; i++)
        {
            s0 += Visit(c0, stride, h0[i], 0, histograms, l0, log2, ref q0);
            s1 += Visit(c1, stride, h1[i], 1, histograms, l1, log2, ref q1);
            s2 += Visit(c2, stride, h2[i], 2, histograms, l2, log2, ref q2);
            s3 += Visit(c3, stride, h3[i], 3, histograms, l3, log2, ref q3);
        }
        for (int i = common; i < h0.Length; i++)
            s0 += Visit(c0, stride, h0[i], 0, histograms, l0, log2, ref q0);
        for (int i = common; i < h1.Length; i++)
            s1 += Visit(c1, stride, h1[i], 1, histograms, l1, log2, ref q1);
        for (int i = common; i < h2.Length; i++)
            s2 += Visit(c2, stride, h2[i], 2, histograms, l2, log2, ref q2);
        for (int i = common; i < h3.Length; i++)
            s3 += Visit(c3, stride, h3[i], 3, histograms, l3, log2, ref q3);
        matrices.ForgetHits();
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
        squares[0] = q0;
        squares[1] = q1;
        squares[2] = q2;
        squares[3] = q3;
    }

    private readonly ref struct Histograms(Span<int> rowSums, Span<int> sumCounts, Span<int> diffCounts)
    {
        public readonly ref int Rows = ref MemoryMarshal.GetReference(rowSums);
        public readonly ref int Sums = ref MemoryMarshal.GetReference(sumCounts);
        public readonly ref int Diffs = ref MemoryMarshal.GetReference(diffCounts);
    }

    // No bounds checks: a hit key holds levels a ≤ b < Stride, so a·Stride + b lies in the block and
    // 4·a + d, 4·b + d, 4·(a + b) + d and 4·(b − a) + d in the interleaved histograms.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Visit<TLog2, TCell>(Span<TCell> cells, int stride, int key, int d, Histograms histograms,
        double log2Total, TLog2 log2, ref long squares)
        where TLog2 : ILog2, allows ref struct where TCell : unmanaged, IBinaryInteger<TCell>
    {
        int a = key >> 8;
        int b = key & 0xFF;
        ref TCell cell = ref Unsafe.Add(ref MemoryMarshal.GetReference(cells), a * stride + b);
        int c = int.CreateTruncating(cell);
        cell = TCell.Zero;
        Unsafe.Add(ref histograms.Rows, Directions * a + d) += c;
        Unsafe.Add(ref histograms.Rows, Directions * b + d) += c;
        Unsafe.Add(ref histograms.Sums, Directions * (a + b) + d) += 2 * c;
        Unsafe.Add(ref histograms.Diffs, Directions * (b - a) + d) += 2 * c;
        // Without a branch (diagonal cells come unpredictably): on the diagonal S = 2c once, off it
        // S = c in each triangle; 1.0·Term(2c) and 2.0·Term(c) are exactly the two cases' values.
        int diagonal = a == b ? 1 : 0;
        long count = c;
        squares += (count * count) << (1 + diagonal); // (2c)² on the diagonal, c² twice off it
        return (2 - diagonal) * CountEntropy.Term(count << diagonal, log2Total, log2);
    }

    /// <summary>Entropy in bits of each direction's counts (interleaved): Σ terms in order of the count's index, / T.</summary>
    private static void Bits<TLog2>(ReadOnlySpan<int> counts, ReadOnlySpan<long> total, TLog2 log2, Span<double> bits)
        where TLog2 : ILog2, allows ref struct
    {
        double l0 = log2.Of(total[0]), l1 = log2.Of(total[1]), l2 = log2.Of(total[2]), l3 = log2.Of(total[3]);
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        // a zero count's term is +0.0 (ILog2.Of(0) is finite), and adding +0.0 leaves a sum unchanged:
        // the same sums as skipping zeros, without a branch
        for (int k = 0; k + 3 < counts.Length; k += Directions)
        {
            s0 += CountEntropy.Term(counts[k], l0, log2);
            s1 += CountEntropy.Term(counts[k + 1], l1, log2);
            s2 += CountEntropy.Term(counts[k + 2], l2, log2);
            s3 += CountEntropy.Term(counts[k + 3], l3, log2);
        }
        bits[0] = s0 / total[0];
        bits[1] = s1 / total[1];
        bits[2] = s2 / total[2];
        bits[3] = s3 / total[3];
    }

    /// <summary>Σ q·1/(1 + k²) over each direction's difference histogram (interleaved), in order of k.</summary>
    private static void InverseDifferences(ReadOnlySpan<int> counts, Span<double> sums)
    {
        ReadOnlySpan<double> weight = s_inverseDifference;
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        for (int k = 0; Directions * k + 3 < counts.Length; k++)
        {
            double w = weight[k];
            s0 += counts[Directions * k] * w;
            s1 += counts[Directions * k + 1] * w;
            s2 += counts[Directions * k + 2] * w;
            s3 += counts[Directions * k + 3] * w;
        }
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
    }

    // 1 / (1 + d²) for every difference of two levels: one division per level saved per direction
    private static readonly double[] s_inverseDifference = BuildInverseDifference();

    private static double[] BuildInverseDifference()
    {
        var table = new double[DiffLength];
        for (int d = 0; d < table.Length; d++)
            table[d] = 1.0 / (1 + d * d);
        return table;
    }
}
