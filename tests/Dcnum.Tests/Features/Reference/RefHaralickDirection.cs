namespace Dcnum.Tests.Features.Reference;

// Test-only reference: src/Dcnum.App/Features/Texture as of commit 4746eae, before the
// bounding-box rework, kept unchanged as the yardstick of BoundingBoxParityTest.

/// <summary>
/// The 11 Haralick features dcnum keeps, for one co-occurrence direction.
/// dcnum counterpart: one row of <c>mahotas.features.texture.haralick_features</c> (features 1–5,
/// 7–9, 11–13 of Haralick 1973; sum average, difference variance and the 14th are not kept).
/// </summary>
/// <remarks>
/// Everything mahotas sums over <c>p = S / T</c> is summed here over the integer counts and divided
/// once at the end; variances and covariances are exact integer numerators. Mathematically equal to
/// mahotas, numerically at least as accurate. Both of mahotas' HXY1 and HXY2 equal HX + HY for a
/// symmetric matrix (px = py are its marginals), which is what is used here.
/// </remarks>
internal static class RefHaralickDirection
{
    // Positions in a per-direction row, in the order of dcnum's haralick_names.
    public const int Asm = 0, Con = 1, Cor = 2, Den = 3, Ent = 4, F12 = 5, F13 = 6, Idm = 7, Sen = 8, Sva = 9, Var = 10;

    public const int FeatureCount = 11;

    /// <summary>
    /// Fills <paramref name="features"/> (11 values) from the pair counts of one direction
    /// (<see cref="RefCooccurrence"/> layout: upper triangle, row length <paramref name="stride"/>,
    /// hit cells as <c>min &lt;&lt; 8 | max</c>; <paramref name="pairs"/> pairs in all).
    /// <paramref name="rowSums"/> (levels), <paramref name="sumCounts"/> (2·levels − 1) and
    /// <paramref name="diffCounts"/> (levels) are work space, levels = largest grey level + 1.
    /// Returns false for an empty matrix (mahotas raises "the input is empty"; dcnum then keeps
    /// NaN for all 22 features).
    /// </summary>
    public static bool Evaluate(ReadOnlySpan<int> cells, int stride, ReadOnlySpan<int> hitCells, long pairs,
        Span<int> rowSums, Span<int> sumCounts, Span<int> diffCounts, Span<double> features)
    {
        if (pairs == 0)
            return false;
        rowSums.Clear();
        sumCounts.Clear();
        diffCounts.Clear();

        // S is the symmetric matrix: S[a,b] = S[b,a] = c off the diagonal, S[a,a] = 2c; T = ΣS.
        long total = 2 * pairs;
        double log2Total = RefCountEntropy.Log2(total);
        long sumIj = 0, sumSquares = 0;
        double entropySum = 0.0;
        foreach (int key in hitCells)
        {
            int a = key >> 8;
            int b = key & 0xFF;
            int c = cells[a * stride + b];
            int w = 2 * c;
            rowSums[a] += c;
            rowSums[b] += c;
            sumCounts[a + b] += w;
            diffCounts[b - a] += w;
            sumIj += (long)a * b * w;
            if (a == b)
            {
                sumSquares += (long)w * w;
                entropySum += RefCountEntropy.Term(w, log2Total);
            }
            else
            {
                sumSquares += 2L * c * c;
                entropySum += 2.0 * RefCountEntropy.Term(c, log2Total);
            }
        }

        double t = total;
        double t2 = t * t;

        long sumK = 0, sumK2 = 0;
        for (int k = 1; k < rowSums.Length; k++)
        {
            long r = rowSums[k];
            sumK += k * r;
            sumK2 += (long)k * k * r;
        }
        Int128 varianceNumerator = (Int128)sumK2 * total - (Int128)sumK * sumK;
        Int128 covarianceNumerator = (Int128)sumIj * total - (Int128)sumK * sumK;

        long sumS = 0, sumS2 = 0;
        for (int s = 2; s < sumCounts.Length; s++)
        {
            long q = sumCounts[s];
            sumS += s * q;
            sumS2 += (long)s * s * q;
        }
        Int128 sumVarianceNumerator = (Int128)sumS2 * total - (Int128)sumS * sumS;

        long contrast = 0;
        double inverseDifference = 0.0;
        for (int d = 0; d < diffCounts.Length; d++)
        {
            long q = diffCounts[d];
            contrast += (long)d * d * q;
            inverseDifference += q * (1.0 / (1 + d * d));
        }

        double entropy = entropySum / t;
        double hx = RefCountEntropy.Bits(rowSums, total);
        double hxy = hx + hx;

        features[Asm] = sumSquares / t2;
        features[Con] = contrast / t;
        // mahotas: sx == 0 or sy == 0 -> 1 (only for a single grey level, where the numerator is exactly 0)
        features[Cor] = varianceNumerator == 0 ? 1.0 : (double)covarianceNumerator / (double)varianceNumerator;
        features[Var] = (double)varianceNumerator / t2;
        features[Idm] = inverseDifference / t;
        features[Sva] = (double)sumVarianceNumerator / t2;
        features[Sen] = RefCountEntropy.Bits(sumCounts, total);
        features[Ent] = entropy;
        features[Den] = RefCountEntropy.Bits(diffCounts, total);
        features[F12] = hx == 0.0 ? entropy - hxy : (entropy - hxy) / hx;
        // mahotas mixes bases here: entropies in bits, exp in base e
        features[F13] = Math.Sqrt(Math.Max(0.0, 1.0 - Math.Exp(-2.0 * (hxy - entropy))));
        return true;
    }
}
