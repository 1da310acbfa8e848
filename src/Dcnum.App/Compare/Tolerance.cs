namespace Dcnum.Compare;

/// <summary>
/// "Same output" for floating-point features: |cand − ref| ≤ atol + rtol·|ref|, NaN equals NaN,
/// infinities equal only themselves. Defaults from the reference notes: rtol 1e-6, atol 1e-9.
/// </summary>
public readonly record struct Tolerance(double Relative = 1e-6, double Absolute = 1e-9)
{
    public static Tolerance Default => new(1e-6, 1e-9);

    public bool Equal(double reference, double candidate)
    {
        if (double.IsNaN(reference) || double.IsNaN(candidate))
            return double.IsNaN(reference) && double.IsNaN(candidate);
        if (double.IsInfinity(reference) || double.IsInfinity(candidate))
            return reference == candidate;
        return Math.Abs(candidate - reference) <= Absolute + Relative * Math.Abs(reference);
    }
}
