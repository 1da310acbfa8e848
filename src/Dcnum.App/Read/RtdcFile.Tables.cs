using Dcnum.Common;
using PureHDF;
using PureHDF.VOL.Native;

namespace Dcnum.Read;

// tables/*: compound datasets become named float64 columns (dcnum: HDF5Data.tables, #unnamed
// tables keep their raw values and are exposed here as one column "values").
public sealed partial class RtdcFile
{
    /// <summary>Columns of <c>tables/NAME</c>: compound members by name, numbers as float64.</summary>
    public IReadOnlyDictionary<string, double[]> ReadTable(string name)
    {
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        Guard($"reading tables/{name}", () =>
        {
            var ds = (NativeDataset)_file.Group("tables").Dataset(name);
            if (ds.Type.Class != H5DataTypeClass.Compound)
            {
                columns["values"] = ReadTableValues(ds);
                return;
            }
            Dictionary<string, object>[] rows = ds.Read<Dictionary<string, object>[]>();
            foreach (var member in ds.Type.Compound.Members)
            {
                var column = new double[rows.Length];
                for (int i = 0; i < rows.Length; i++)
                    column[i] = ToDouble(rows[i][member.Name]);
                columns[member.Name] = column;
            }
        });
        return columns;
    }

    /// <summary>
    /// A table as stored: its shape, row size, members (name, byte offset, numpy dtype) and the
    /// packed little-endian rows, for copying it to another file unchanged. A plain array of
    /// numbers (no compound) has no members and its element type in <see cref="RawTable.ElementDType"/>.
    /// Null when the table holds something else (the caller decides what to do with it).
    /// </summary>
    public RawTable? ReadRawTable(string name)
    {
        RawTable? table = null;
        Guard($"reading tables/{name}", () =>
        {
            var ds = (NativeDataset)_file.Group("tables").Dataset(name);
            if (ds.Type.Class is H5DataTypeClass.FixedPoint or H5DataTypeClass.FloatingPoint)
            {
                table = ReadPlainTable(name, ds);
                return;
            }
            if (ds.Type.Class != H5DataTypeClass.Compound)
                return;
            var members = new List<TableMember>();
            foreach (var member in ds.Type.Compound.Members)
            {
                string? dtype = member.Type.Class switch
                {
                    H5DataTypeClass.FloatingPoint when member.Type.Size is 4 or 8 => $"float{8 * member.Type.Size}",
                    H5DataTypeClass.FixedPoint when member.Type.Size is 1 or 2 or 4 or 8 => (member.Type.FixedPoint.IsSigned ? "int" : "uint") + (8 * member.Type.Size),
                    _ => null,
                };
                if (dtype is null)
                    return;
                members.Add(new TableMember(member.Name, (int)member.Offset, dtype));
            }
            int rowSize = (int)ds.Type.Size;
            Dictionary<string, object>[] rows = ds.Read<Dictionary<string, object>[]>();
            var bytes = new byte[rows.Length * rowSize];
            for (int i = 0; i < rows.Length; i++)
            {
                foreach (TableMember m in members)
                    TableMember.Encode(rows[i][m.Name], m.DType, bytes.AsSpan(i * rowSize + m.Offset));
            }
            table = new RawTable(name, ds.Space.Dimensions, rowSize, members, bytes);
        });
        return table;
    }

    /// <summary>A plain numeric array (dcnum's copy_metadata copies any dataset in tables/).</summary>
    private static RawTable? ReadPlainTable(string name, NativeDataset ds)
    {
        string dtype = FeatureInfo.DTypeOf(ds);
        byte[]? bytes = dtype switch
        {
            "float64" => Bytes(ds.Read<double[]>()),
            "float32" => Bytes(ds.Read<float[]>()),
            "int64" => Bytes(ds.Read<long[]>()),
            "uint64" => Bytes(ds.Read<ulong[]>()),
            "int32" => Bytes(ds.Read<int[]>()),
            "uint32" => Bytes(ds.Read<uint[]>()),
            "int16" => Bytes(ds.Read<short[]>()),
            "uint16" => Bytes(ds.Read<ushort[]>()),
            "int8" => Bytes(ds.Read<sbyte[]>()),
            "uint8" => ds.Read<byte[]>(),
            _ => null,
        };
        return bytes is null ? null : new RawTable(name, ds.Space.Dimensions, (int)ds.Type.Size, [], bytes) { ElementDType = dtype };

        static byte[] Bytes<T>(T[] values) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    private double[] ReadTableValues(NativeDataset ds)
    {
        string dtype = FeatureInfo.DTypeOf(ds);
        if (dtype != "float64")
            throw DcnumException.ForFile(Path, $"table '{ds.Name}' of type {dtype} is not supported");
        return ds.Read<double[]>();
    }

    private static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        short s => s,
        sbyte b => b,
        ulong ul => ul,
        uint ui => ui,
        ushort us => us,
        byte by => by,
        bool bo => bo ? 1 : 0,
        _ => double.NaN,
    };
}

/// <summary>A member of a compound table: name, byte offset in the row, numpy dtype.</summary>
public sealed record TableMember(string Name, int Offset, string DType)
{
    public static void Encode(object value, string dtype, Span<byte> target)
    {
        switch (dtype)
        {
            case "float64": System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(target, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "float32": System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(target, Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "int64": System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(target, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "uint64": System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(target, Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "int32": System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(target, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "uint32": System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(target, Convert.ToUInt32(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "int16": System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(target, Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "uint16": System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(target, Convert.ToUInt16(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "int8": target[0] = unchecked((byte)Convert.ToSByte(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: target[0] = Convert.ToByte(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }
    }
}

/// <summary>A table read for copying (see <see cref="RtdcFile.ReadRawTable"/>).</summary>
public sealed record RawTable(string Name, ulong[] Dims, int RowSize, IReadOnlyList<TableMember> Members, byte[] Bytes)
{
    /// <summary>The element type of a plain (non-compound) table; null for a compound one.</summary>
    public string? ElementDType { get; init; }
}
