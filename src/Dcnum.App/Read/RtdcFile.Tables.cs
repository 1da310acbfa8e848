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
