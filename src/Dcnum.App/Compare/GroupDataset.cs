using Dcnum.Read;
using PureHDF.VOL.Native;

namespace Dcnum.Compare;

/// <summary>A dataset of <c>events/</c> or <c>basin_events/</c> as the comparer needs it: type, shape, row reads.</summary>
internal sealed class GroupDataset
{
    private readonly NativeDataset _dataset;

    private GroupDataset(NativeDataset dataset, string dtype)
    {
        _dataset = dataset;
        DType = dtype;
        Shape = dataset.Space.Dimensions;
        Rows = Shape.Length > 0 ? (long)Shape[0] : 1;
        long elements = 1;
        for (int d = 1; d < Shape.Length; d++)
            elements *= (long)Shape[d];
        RowElements = elements;
        ElementSize = (int)dataset.Type.Size;
        var attrs = new List<string>();
        foreach (string a in new[] { "CLASS", "IMAGE_VERSION", "IMAGE_SUBCLASS" })
            attrs.Add(dataset.AttributeExists(a) ? AttributeValue.Read(dataset.Attribute(a)).ToString() : "-");
        ImageAttributes = attrs;
    }

    public string DType { get; }
    public ulong[] Shape { get; }
    public long Rows { get; }
    public long RowElements { get; }
    public int ElementSize { get; }
    public IReadOnlyList<string> ImageAttributes { get; }

    public static GroupDataset? Open(RtdcFile file, string group, string name)
    {
        if (PureHDF.IH5GroupExtensions.Group(file.Native, group).Get(name) is not NativeDataset ds)
            return null;
        return new GroupDataset(ds, FeatureInfo.DTypeOf(ds));
    }

    /// <summary>Reads raw element bytes; the memory type has the element's size so PureHDF copies, never converts.</summary>
    public void ReadBytes(long start, int count, Span<byte> destination)
    {
        Span<byte> target = destination[..(int)(count * RowElements * ElementSize)];
        switch (ElementSize)
        {
            case 1: RtdcFile.ReadRows(_dataset, start, count, target); break;
            case 2: RtdcFile.ReadRows(_dataset, start, count, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(target)); break;
            case 4: RtdcFile.ReadRows(_dataset, start, count, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(target)); break;
            case 8: RtdcFile.ReadRows(_dataset, start, count, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(target)); break;
            default: throw new NotSupportedException($"{DType}: elements of {ElementSize} bytes");
        }
    }

    public void ReadDoubles(long start, int count, Span<double> destination)
    {
        Span<double> target = destination[..(int)(count * RowElements)];
        if (DType == "float64")
        {
            RtdcFile.ReadRows(_dataset, start, count, target);
            return;
        }
        var floats = new float[target.Length];
        RtdcFile.ReadRows<float>(_dataset, start, count, floats);
        for (int i = 0; i < floats.Length; i++)
            target[i] = floats[i];
    }
}
