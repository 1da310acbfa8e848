using System.Globalization;
using PureHDF;

namespace Dcnum.Read;

/// <summary>What kind of value an HDF5 attribute holds, as .rtdc metadata uses them.</summary>
public enum AttributeKind
{
    String,
    Integer,
    Float,
    Boolean,
    IntegerArray,
    FloatArray,
    StringArray,
    Unsupported,
}

/// <summary>
/// One root (or dataset) attribute, typed. Strings may be fixed- or variable-length in the file;
/// integers of every width read as <see cref="long"/> (uint64 above long.MaxValue is not used by
/// .rtdc); h5py's bool enum reads as <see cref="AttributeKind.Boolean"/>.
/// </summary>
public readonly record struct AttributeValue(AttributeKind Kind, string? Text, long Integer, double Float, object? Values)
{
    /// <summary>True for a fixed-length string (h5py returns it as bytes, not str).</summary>
    public bool IsFixedLengthString { get; init; }

    /// <summary>
    /// The stored element type as numpy names it: int8 … uint64, float32, float64, bool, S&lt;n&gt;
    /// (fixed-length bytes of n), str (variable-length); "" when made in code (see <see cref="Read"/>).
    /// dcnum copies attributes with h5py, which keeps these types.
    /// </summary>
    public string DType { get; init; } = "";

    /// <summary>True for a one-dimensional array value (<see cref="Values"/>).</summary>
    public bool IsArray => Kind is AttributeKind.IntegerArray or AttributeKind.FloatArray or AttributeKind.StringArray;

    /// <summary>Type and shape for reports: "int32", "float64[2]".</summary>
    public string TypeText => IsArray ? $"{DType}[{ArrayLength}]" : DType;

    private int ArrayLength => Values switch { long[] l => l.Length, double[] d => d.Length, string[] s => s.Length, _ => 0 };

    public static AttributeValue FromString(string s) => new(AttributeKind.String, s, 0, 0, null);
    public static AttributeValue FromInteger(long v) => new(AttributeKind.Integer, null, v, v, null);
    public static AttributeValue FromFloat(double v) => new(AttributeKind.Float, null, 0, v, null);
    public static AttributeValue FromBoolean(bool v) => new(AttributeKind.Boolean, null, v ? 1 : 0, v ? 1 : 0, null);

    /// <summary>Python-like text of the value, for display.</summary>
    public override string ToString() => Kind switch
    {
        AttributeKind.String => Text ?? "",
        AttributeKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        AttributeKind.Float => Float.ToString("R", CultureInfo.InvariantCulture),
        AttributeKind.Boolean => Integer != 0 ? "True" : "False",
        AttributeKind.IntegerArray => "[" + string.Join(", ", (long[])Values!) + "]",
        AttributeKind.FloatArray => "[" + string.Join(", ", ((double[])Values!).Select(d => d.ToString("R", CultureInfo.InvariantCulture))) + "]",
        AttributeKind.StringArray => "[" + string.Join(", ", (string[])Values!) + "]",
        _ => "<unsupported>",
    };

    /// <summary>Reads any attribute .rtdc files use; types PureHDF cannot decode become <see cref="AttributeKind.Unsupported"/>.</summary>
    public static AttributeValue Read(IH5Attribute attribute)
        => ReadValue(attribute) with { DType = DTypeOf(attribute.Type) };

    /// <summary>numpy's name of an attribute's element type (see <see cref="DType"/>).</summary>
    private static string DTypeOf(IH5DataType type) => type.Class switch
    {
        H5DataTypeClass.String => $"S{type.Size}",
        H5DataTypeClass.VariableLength => "str",
        H5DataTypeClass.FixedPoint => (type.FixedPoint.IsSigned ? "int" : "uint") + (8 * type.Size).ToString(CultureInfo.InvariantCulture),
        H5DataTypeClass.FloatingPoint => "float" + (8 * type.Size).ToString(CultureInfo.InvariantCulture),
        H5DataTypeClass.Enumerated => "bool",
        _ => type.Class.ToString(),
    };

    private static AttributeValue ReadValue(IH5Attribute attribute)
    {
        IH5DataType type = attribute.Type;
        bool scalar = attribute.Space.Type == H5DataspaceType.Scalar || attribute.Space.Dimensions.Length == 0;
        switch (type.Class)
        {
            case H5DataTypeClass.String:
            case H5DataTypeClass.VariableLength:
                if (scalar)
                    return FromString(attribute.Read<string>() ?? "") with { IsFixedLengthString = type.Class == H5DataTypeClass.String };
                return new(AttributeKind.StringArray, null, 0, 0, attribute.Read<string[]>());
            case H5DataTypeClass.FixedPoint:
                bool signed = type.FixedPoint.IsSigned;
                if (scalar)
                {
                    return FromInteger((type.Size, signed) switch
                    {
                        (1, true) => attribute.Read<sbyte>(),
                        (1, false) => attribute.Read<byte>(),
                        (2, true) => attribute.Read<short>(),
                        (2, false) => attribute.Read<ushort>(),
                        (4, true) => attribute.Read<int>(),
                        (4, false) => attribute.Read<uint>(),
                        (8, true) => attribute.Read<long>(),
                        _ => (long)attribute.Read<ulong>(),
                    });
                }
                long[] ints = (type.Size, signed) switch
                {
                    (4, true) => System.Array.ConvertAll(attribute.Read<int[]>(), v => (long)v),
                    (8, true) => attribute.Read<long[]>(),
                    (4, false) => System.Array.ConvertAll(attribute.Read<uint[]>(), v => (long)v),
                    (8, false) => System.Array.ConvertAll(attribute.Read<ulong[]>(), v => (long)v),
                    (2, true) => System.Array.ConvertAll(attribute.Read<short[]>(), v => (long)v),
                    (2, false) => System.Array.ConvertAll(attribute.Read<ushort[]>(), v => (long)v),
                    (1, true) => System.Array.ConvertAll(attribute.Read<sbyte[]>(), v => (long)v),
                    _ => System.Array.ConvertAll(attribute.Read<byte[]>(), v => (long)v),
                };
                return new(AttributeKind.IntegerArray, null, 0, 0, ints);
            case H5DataTypeClass.FloatingPoint:
                if (scalar)
                    return FromFloat(type.Size == 4 ? attribute.Read<float>() : attribute.Read<double>());
                double[] floats = type.Size == 4 ? System.Array.ConvertAll(attribute.Read<float[]>(), v => (double)v) : attribute.Read<double[]>();
                return new(AttributeKind.FloatArray, null, 0, 0, floats);
            case H5DataTypeClass.Enumerated when scalar:
                // h5py stores Python bools as an enum {FALSE=0, TRUE=1} over int8; older writers used int32.
                long raw = type.Size switch
                {
                    1 => attribute.Read<byte>(),
                    2 => attribute.Read<short>(),
                    4 => attribute.Read<int>(),
                    _ => attribute.Read<long>(),
                };
                return FromBoolean(raw != 0);
            default:
                return new(AttributeKind.Unsupported, null, 0, 0, null);
        }
    }
}
