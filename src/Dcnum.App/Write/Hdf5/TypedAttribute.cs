using System.Buffers.Binary;
using System.Text;
using Dcnum.Read;

namespace Dcnum.Write.Hdf5;

/// <summary>
/// An attribute value with an exact HDF5 type (int16, float32, fixed-length bytes, arrays, …),
/// for attributes copied from another file: dcnum copies them with h5py, which keeps their types.
/// PureHDF writes only a few types as we need them, so the writer stores a uint8 placeholder of
/// this size and the header patcher replaces it by <see cref="Message"/>.
/// </summary>
internal sealed record TypedAttribute(byte[] Datatype, ulong[] Dims, byte[] Value)
{
    /// <summary>Bytes of the placeholder: at least what the real message needs beyond a uint8 array's.</summary>
    public int PlaceholderLength => Datatype.Length + 4 + 8 * Dims.Length + Value.Length;

    public byte[] Message(string name) => Hdf5Encoding.Attribute(name, Datatype, Dims, Value);

    /// <summary>
    /// What h5py writes for a value it read: the same element type, except that a scalar
    /// fixed-length string becomes as long as its text (numpy's <c>bytes_</c>; at least 1).
    /// Null for values PureHDF writes with the right type itself (int64, float64, variable-length
    /// strings) or that cannot be written (<see cref="AttributeKind.Unsupported"/>).
    /// </summary>
    public static TypedAttribute? From(AttributeValue value)
    {
        string dtype = value.DType;
        ulong[] dims = value.IsArray ? [(ulong)Length(value)] : [];
        switch (value.Kind)
        {
            case AttributeKind.String when value.IsFixedLengthString:
                byte[] text = Encoding.UTF8.GetBytes(value.Text ?? "");
                var padded = new byte[Math.Max(1, text.Length)];
                text.CopyTo(padded, 0);
                return new(Hdf5Encoding.FixedString(padded.Length), dims, padded);
            case AttributeKind.StringArray when dtype.StartsWith('S'):
                int size = int.Parse(dtype.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                string[] texts = (string[])value.Values!;
                var all = new byte[texts.Length * size];
                for (int i = 0; i < texts.Length; i++)
                {
                    byte[] b = Encoding.UTF8.GetBytes(texts[i]);
                    b.AsSpan(0, Math.Min(b.Length, size)).CopyTo(all.AsSpan(i * size));
                }
                return new(Hdf5Encoding.FixedString(size), dims, all);
            case AttributeKind.Boolean:
                return new(Hdf5Encoding.BoolEnum(), dims, [value.Integer != 0 ? (byte)1 : (byte)0]);
            case AttributeKind.Integer when dtype != "int64" && dtype.Contains("int", StringComparison.Ordinal):
                return Integers(dtype, dims, [value.Integer]);
            case AttributeKind.IntegerArray when dtype.Contains("int", StringComparison.Ordinal):
                return Integers(dtype, dims, (long[])value.Values!);
            case AttributeKind.Float when dtype == "float32":
                return Floats(dims, [value.Float]);
            case AttributeKind.FloatArray when dtype == "float32":
                return Floats(dims, (double[])value.Values!);
            case AttributeKind.FloatArray:
                return Doubles(dims, (double[])value.Values!);
            default:
                return null;
        }
    }

    private static int Length(AttributeValue v) => v.Values switch { long[] l => l.Length, double[] d => d.Length, string[] s => s.Length, _ => 0 };

    private static TypedAttribute Integers(string dtype, ulong[] dims, long[] values)
    {
        bool signed = dtype[0] == 'i';
        int size = int.Parse(dtype.AsSpan(signed ? 3 : 4), System.Globalization.CultureInfo.InvariantCulture) / 8;
        var bytes = new byte[values.Length * size];
        Span<byte> wide = stackalloc byte[8];
        for (int i = 0; i < values.Length; i++)
        {
            // the low bytes of a little-endian long are the value in any narrower width
            BinaryPrimitives.WriteInt64LittleEndian(wide, values[i]);
            wide[..size].CopyTo(bytes.AsSpan(i * size));
        }
        return new(Hdf5Encoding.Integer(size, signed), dims, bytes);
    }

    private static TypedAttribute Floats(ulong[] dims, double[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), (float)values[i]);
        return new(Hdf5Encoding.Float(4), dims, bytes);
    }

    private static TypedAttribute Doubles(ulong[] dims, double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return new(Hdf5Encoding.Float(8), dims, bytes);
    }
}
