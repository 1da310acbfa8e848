using System.Runtime.InteropServices;

namespace Dcnum.Write;

/// <summary>Element types a spooled feature may have (numpy names, as .rtdc files use them).</summary>
public enum ElementType : byte
{
    UInt8, Int8, UInt16, Int16, UInt32, Int32, UInt64, Int64, Float32, Float64,
}

/// <summary>
/// The raw rows of one dataset, appended while the total count is unknown, kept in a temporary
/// file beside the output (deleted on close). The HDF5 dataset is assembled from it at commit.
/// </summary>
internal sealed class FeatureSpool : IDisposable
{
    private readonly FileStream _stream;

    public FeatureSpool(string group, string name, ElementType type, ulong[] rowShape, string spoolPath)
    {
        Group = group;
        Name = name;
        Type = type;
        RowShape = rowShape;
        ElementSize = SizeOf(type);
        long elements = 1;
        foreach (ulong d in rowShape)
            elements *= (long)d;
        RowElements = elements;
        _stream = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    public string Group { get; }
    public string Name { get; }
    public ElementType Type { get; }
    /// <summary>Shape of one row (empty for scalars, [H, W] for images).</summary>
    public ulong[] RowShape { get; }
    public int ElementSize { get; }
    public long RowElements { get; }
    public long RowBytes => RowElements * ElementSize;
    public long Rows { get; private set; }

    public void Append<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (values.Length % RowElements != 0)
            throw new ArgumentException($"{Group}/{Name}: {values.Length} values are not whole rows of {RowElements}");
        _stream.Write(MemoryMarshal.AsBytes(values));
        Rows += values.Length / RowElements;
    }

    /// <summary>Appends bytes that continue the current row stream (rows complete over several calls).</summary>
    public void AppendRaw(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _pending += bytes.Length;
        Rows += _pending / RowBytes;
        _pending %= RowBytes;
    }

    private long _pending;

    /// <summary>Reads rows [start, start+count) back into <paramref name="destination"/>.</summary>
    public void ReadRows(long start, int count, Span<byte> destination)
    {
        _stream.Position = start * RowBytes;
        _stream.ReadExactly(destination[..(int)(count * RowBytes)]);
        _stream.Seek(0, SeekOrigin.End);
    }

    /// <summary>Closes (and so deletes) the spool; a failing final flush (disk full) does not matter for a file being deleted.</summary>
    public void Dispose()
    {
        try
        {
            _stream.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ArgumentOutOfRangeException)
        {
        }
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
