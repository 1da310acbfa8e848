namespace Dcnum.Labels;

/// <summary>Per-worker counts and boxes of <see cref="MaskGate"/>, one entry per label, grown to the largest label seen.</summary>
public sealed class MaskGateScratch
{
    internal int[] Counts = [], Top = [], Bottom = [], Left = [], Right = [];

    internal void Ensure(int labels)
    {
        if (Counts.Length >= labels)
            return;
        int size = Math.Max(labels, Math.Min(2 * Counts.Length, ushort.MaxValue + 1));
        Counts = new int[size];
        Top = new int[size];
        Bottom = new int[size];
        Left = new int[size];
        Right = new int[size];
    }
}
