namespace Dcnum.Write;

/// <summary>
/// h5py's automatic chunk shape (<c>chunks=True</c>, <c>h5py._hl.filters.guess_chunk</c>), which
/// dcnum uses for logs, basin definitions and copied tables: aim at 8 KiB…1 MiB depending on the
/// dataset size, halving the dimensions in turn until the chunk is small enough.
/// </summary>
public static class H5pyChunks
{
    private const double Base = 16 * 1024, Min = 8 * 1024, Max = 1024 * 1024;

    public static ulong[] Guess(IReadOnlyList<ulong> shape, int typeSize)
    {
        double[] chunks = [.. shape.Select(d => d == 0 ? 1024.0 : d)];
        double datasetBytes = chunks.Aggregate(1.0, (p, d) => p * d) * typeSize;
        double target = Math.Clamp(Base * Math.Pow(2, Math.Log10(datasetBytes / (1024.0 * 1024))), Min, Max);
        for (int idx = 0; ; idx++)
        {
            double elements = chunks.Aggregate(1.0, (p, d) => p * d);
            double chunkBytes = elements * typeSize;
            if ((chunkBytes < target || Math.Abs(chunkBytes - target) / target < 0.5) && chunkBytes < Max)
                break;
            if (elements == 1)
                break;
            int dim = idx % chunks.Length;
            chunks[dim] = Math.Ceiling(chunks[dim] / 2.0);
        }
        return [.. chunks.Select(c => (ulong)c)];
    }

    public static ulong GuessRows(IReadOnlyList<ulong> shape, int typeSize) => Guess(shape, typeSize)[0];
}
