using System.Runtime.CompilerServices;

namespace Dcnum.Labels;

/// <summary>
/// Horizontal runs of a frame in raster order (row by row, left to right), with a union-find over
/// the runs. Masks here are mostly background, so the label kernels work on runs instead of pixels:
/// a frame has a few hundred runs against tens of thousands of pixels.
/// </summary>
internal sealed class RunTable
{
    public RunTable(int height, int capacity)
    {
        Height = height;
        X0 = new int[capacity];
        X1 = new int[capacity];
        Value = new int[capacity];
        Parent = new int[capacity];
        RowStart = new int[height + 1];
    }

    public int Height { get; }

    /// <summary>First column of each run.</summary>
    public int[] X0 { get; }

    /// <summary>Last column of each run (inclusive).</summary>
    public int[] X1 { get; }

    /// <summary>Per run: the label it carries (input) or gets (output).</summary>
    public int[] Value { get; }

    /// <summary>Union-find links; a root is the smallest run index of its set.</summary>
    public int[] Parent { get; }

    /// <summary>Runs of row y are <c>RowStart[y] .. RowStart[y + 1] - 1</c>.</summary>
    public int[] RowStart { get; }

    public int Count { get; private set; }

    /// <summary>Starts an empty table; rows are then filled in order 0, 1, … with <see cref="EndRow"/> after each.</summary>
    public void Reset()
    {
        Count = 0;
        RowStart[0] = 0;
    }

    public void Add(int x0, int x1, int value)
    {
        int k = Count++;
        X0[k] = x0;
        X1[k] = x1;
        Value[k] = value;
        Parent[k] = k;
    }

    public void EndRow(int y) => RowStart[y + 1] = Count;

    /// <summary>Keeps only the runs whose <see cref="Value"/> is not flagged, preserving order and rows.</summary>
    public void RemoveFlagged(ReadOnlySpan<bool> flagged)
    {
        int write = 0;
        int read = RowStart[0];
        for (int y = 0; y < Height; y++)
        {
            int end = RowStart[y + 1];
            for (; read < end; read++)
            {
                if (flagged[Value[read]])
                    continue;
                X0[write] = X0[read];
                X1[write] = X1[read];
                Value[write] = Value[read];
                Parent[write] = write;
                write++;
            }
            RowStart[y + 1] = write;
        }
        Count = write;
    }

    /// <summary>
    /// Joins every pair of runs in adjacent rows that touch: with <paramref name="diagonal"/> 8-connected
    /// (columns overlap or meet at a corner), else 4-connected (columns overlap).
    /// </summary>
    public void UnionAdjacentRows(bool diagonal)
    {
        int reach = diagonal ? 1 : 0;
        int[] x0 = X0, x1 = X1, parent = Parent, rowStart = RowStart;
        for (int y = 1; y < Height; y++)
        {
            int p = rowStart[y - 1], pEnd = rowStart[y];
            int c = rowStart[y], cEnd = rowStart[y + 1];
            if (p == pEnd || c == cEnd)
                continue;
            for (; c < cEnd; c++)
            {
                int lo = x0[c] - reach, hi = x1[c] + reach;
                // runs of the row above that end left of this run cannot touch the next runs either
                while (p < pEnd && x1[p] < lo)
                    p++;
                for (int q = p; q < pEnd && x0[q] <= hi; q++)
                {
                    int rc = Find(parent, c), rq = Find(parent, q);
                    // the smaller index stays the root: a set's root is its first run in raster order
                    if (rc < rq)
                        parent[rq] = rc;
                    else if (rq < rc)
                        parent[rc] = rq;
                }
            }
        }
    }

    public int Find(int k) => Find(Parent, k);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Find(int[] parent, int k)
    {
        while (parent[k] != k)
        {
            // path halving
            int grand = parent[parent[k]];
            parent[k] = grand;
            k = grand;
        }
        return k;
    }

    /// <summary>
    /// After <see cref="UnionAdjacentRows"/>: numbers the sets 1, 2, … in the raster order of their first
    /// pixel (scipy.ndimage.label's order) into <see cref="Value"/>; returns the number of sets.
    /// </summary>
    public int NumberSets()
    {
        int count = 0;
        int[] parent = Parent, value = Value;
        for (int k = 0; k < Count; k++)
        {
            int root = Find(parent, k);
            // a root precedes the other runs of its set, so its number is known by then
            value[k] = root == k ? ++count : value[root];
        }
        return count;
    }
}
