using PureHDF;
using PureHDF.VOL.Native;

namespace Dcnum.Read;

/// <summary>A feature available from an .rtdc file: its numpy-style dtype, shape, and where it lives.</summary>
/// <param name="Source">"innate" for <c>events/NAME</c>, otherwise the name of the basin that provides it.</param>
public sealed record FeatureInfo(string Name, string DType, IReadOnlyList<ulong> Shape, string Source)
{
    public bool IsInnate => Source == "innate";

    /// <summary>numpy's name for a dataset's element type (uint8, int64, float64, bool, …).</summary>
    public static string DTypeOf(NativeDataset dataset)
    {
        IH5DataType type = dataset.Type;
        return type.Class switch
        {
            H5DataTypeClass.FixedPoint => (type.FixedPoint.IsSigned ? "int" : "uint") + (8 * type.Size),
            H5DataTypeClass.FloatingPoint => "float" + (8 * type.Size),
            H5DataTypeClass.Enumerated when type.Size == 1 => "bool",
            H5DataTypeClass.String => $"S{type.Size}",
            H5DataTypeClass.VariableLength => "str",
            _ => type.Class.ToString().ToLowerInvariant(),
        };
    }
}
