namespace Dcnum.Write;

/// <summary>Element types a spooled feature may have (numpy names, as .rtdc files use them).</summary>
public enum ElementType : byte
{
    UInt8, Int8, UInt16, Int16, UInt32, Int32, UInt64, Int64, Float32, Float64,
}

/// <summary>
/// The rows of one dataset while the total count is unknown: rows fill a chunk of dcnum's size
/// (<see cref="ChunkRule"/>); each full chunk goes to the <see cref="ChunkStore"/>, which
/// compresses and keeps it. The last, partial chunk stays here until <see cref="Finish"/>, when
/// the dataset's length, and so its chunk shape, is known.
/// </summary>
internal sealed class DatasetSpool
{
    private readonly ChunkStore _store;
    private readonly List<StoredChunk> _chunks = [];
    private byte[]? _current;
    private int _currentRows;

    public DatasetSpool(string group, string name, ElementType type, ulong[] rowShape, ChunkStore store)
    {
        Group = group;
        Name = name;
        Type = type;
        RowShape = rowShape;
        ElementSize = SizeOf(type);
        long elements = 1;
        foreach (ulong d in rowShape)
            elements *= (long)d;
        RowBytes = checked((int)(elements * ElementSize));
        ChunkRows = ChunkRule.Rows(RowBytes);
        _store = store;
    }

    public string Group { get; }
    public string Name { get; }
    public ElementType Type { get; }
    /// <summary>Shape of one row (empty for scalars, [H, W] for images).</summary>
    public ulong[] RowShape { get; }
    public int ElementSize { get; }
    public int RowBytes { get; }
    /// <summary>Rows per chunk by dcnum's rule (the file's chunks are this, or the length when shorter).</summary>
    public int ChunkRows { get; }
    public long Rows { get; private set; }

    /// <summary>The stored chunks in order, after <see cref="Finish"/>: where each one's bytes are in the store.</summary>
    public IReadOnlyList<StoredChunk> Chunks => _chunks;

    /// <summary>Appends whole rows given as bytes.</summary>
    public void Append(ReadOnlySpan<byte> rows)
    {
        if (rows.Length % RowBytes != 0)
            throw new ArgumentException($"{Group}/{Name}: {rows.Length} bytes are not whole rows of {RowBytes}");
        while (rows.Length > 0)
        {
            Span<byte> room = Room(rows.Length / RowBytes);
            rows[..room.Length].CopyTo(room);
            Advance(room.Length / RowBytes);
            rows = rows[room.Length..];
        }
    }

    /// <summary>
    /// Space for up to <paramref name="rows"/> rows in the current chunk (fewer when the chunk is
    /// nearly full); fill it, then call <see cref="Advance"/> with the rows written.
    /// </summary>
    public Span<byte> Room(int rows)
    {
        _current ??= _store.Rent(ChunkRows * RowBytes);
        int n = Math.Min(rows, ChunkRows - _currentRows);
        return _current.AsSpan(_currentRows * RowBytes, n * RowBytes);
    }

    public void Advance(int rows)
    {
        _currentRows += rows;
        Rows += rows;
        if (_currentRows == ChunkRows)
        {
            _chunks.Add(default); // before Submit: an uncompressed chunk is stored at once
            _store.Submit(this, _chunks.Count - 1, _current!, ChunkRows * RowBytes);
            _current = null;
            _currentRows = 0;
        }
    }

    /// <summary>Called by the store when chunk <paramref name="index"/> has been stored.</summary>
    public void Stored(int index, StoredChunk chunk) => _chunks[index] = chunk;

    /// <summary>Hands the last, partial chunk to the store, padded with zeros to a full chunk (HDF5 chunks are all one shape).</summary>
    public void Finish()
    {
        if (_currentRows == 0)
            return;
        _current!.AsSpan(_currentRows * RowBytes, (ChunkRows - _currentRows) * RowBytes).Clear();
        _chunks.Add(default);
        _store.Submit(this, _chunks.Count - 1, _current!, ChunkRows * RowBytes);
        _current = null;
        _currentRows = 0;
    }


    public static int SizeOf(ElementType type) => type switch
    {
        ElementType.UInt8 or ElementType.Int8 => 1,
        ElementType.UInt16 or ElementType.Int16 => 2,
        ElementType.UInt32 or ElementType.Int32 or ElementType.Float32 => 4,
        _ => 8,
    };

    public static ElementType TypeOf<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return ElementType.UInt8;
        if (typeof(T) == typeof(sbyte)) return ElementType.Int8;
        if (typeof(T) == typeof(ushort)) return ElementType.UInt16;
        if (typeof(T) == typeof(short)) return ElementType.Int16;
        if (typeof(T) == typeof(uint)) return ElementType.UInt32;
        if (typeof(T) == typeof(int)) return ElementType.Int32;
        if (typeof(T) == typeof(ulong)) return ElementType.UInt64;
        if (typeof(T) == typeof(long)) return ElementType.Int64;
        if (typeof(T) == typeof(float)) return ElementType.Float32;
        if (typeof(T) == typeof(double)) return ElementType.Float64;
        throw new NotSupportedException($"element type {typeof(T).Name} cannot be written to .rtdc");
    }
}
