using Dcnum.Common;
using Dcnum.Read;
using Dcnum.Write;
using PureHDF.VOL.Native;

namespace Dcnum.Job;

/// <summary>
/// The output of a job with nothing to redo (<see cref="RedoPlan"/>): the input's events as they
/// are. Drain copies every events dataset, the internal basins (basin_events and their
/// definitions) and the file basin definitions; tap writes an empty events group and one file
/// basin to the input with all its features (no mapping: the rows are the input's rows).
/// dcnum counterpart: scenario A of <c>DCNumJobRunner.run_pipeline</c> (the basin-based input
/// renamed to the output, drain copying the input's events). Unlike dcnum, which leaves
/// <c>experiment:event count</c> and the yield at 0 there, the event count is the input's.
/// </summary>
internal static class InputPassThrough
{
    private const long BlockBytes = 8L << 20;

    public static void Write(RtdcWriter writer, RtdcFile input, bool drain, string pathIn, string pathOut)
    {
        if (drain)
        {
            foreach (FeatureInfo feature in input.Features.Where(f => f.IsInnate))
                Copy(writer, input, "events", feature.Name, input.InnateDataset(feature.Name), feature.DType);
            foreach (BasinDefinition basin in input.Basins)
            {
                if (basin.IsInternal)
                {
                    string group = basin.Paths.Count > 0 ? basin.Paths[0] : "basin_events";
                    foreach (string feature in basin.Features ?? [])
                    {
                        NativeDataset ds = input.GroupDataset(group, feature)
                            ?? throw DcnumException.ForFile(input.Path, $"internal basin '{basin.Name}' lists {feature}, but {group}/{feature} is missing");
                        Copy(writer, input, "basin_events", feature, ds, FeatureInfo.DTypeOf(ds));
                    }
                    writer.StoreInternalBasin(basin.Name, basin.Features ?? [], basin.Description, basin.Mapping);
                }
                else
                {
                    writer.StoreFileBasin(basin.Name, basin.Paths, basin.Features, basin.Identifier, basin.Description, basin.Mapping);
                }
            }
            return;
        }
        foreach (BasinDefinition basin in input.Basins.Where(b => b.IsFile))
            writer.StoreFileBasin(basin.Name, basin.Paths, basin.Features, basin.Identifier, basin.Description, basin.Mapping);
        string[] paths = [pathIn, Path.GetRelativePath(Path.GetDirectoryName(pathOut)!, pathIn)];
        string[] features = [.. input.Features.Select(f => f.Name).Distinct().Order(StringComparer.Ordinal)];
        writer.StoreFileBasin("dcnum basin", paths, features, input.MeasurementIdentifier,
            $"Created with {Meta.SoftwareVersion.Named}");
    }

    /// <summary>Copies a dataset block by block with its element type and row shape.</summary>
    private static void Copy(RtdcWriter writer, RtdcFile input, string group, string name, NativeDataset ds, string dtype)
    {
        switch (dtype)
        {
            case "float64": Copy<double>(); break;
            case "float32": Copy<float>(); break;
            case "int64": Copy<long>(); break;
            case "uint64": Copy<ulong>(); break;
            case "int32": Copy<int>(); break;
            case "uint32": Copy<uint>(); break;
            case "int16": Copy<short>(); break;
            case "uint16": Copy<ushort>(); break;
            case "int8": Copy<sbyte>(); break;
            case "uint8" or "bool": Copy<byte>(); break;
            default: throw DcnumException.ForFile(input.Path, $"{group}/{name} has type {dtype}, which cannot be copied");
        }

        void Copy<T>() where T : unmanaged
        {
            ulong[] dims = ds.Space.Dimensions;
            ulong[] rowShape = dims[1..];
            long rowElements = 1;
            foreach (ulong d in rowShape)
                rowElements *= (long)d;
            long rows = (long)dims[0];
            int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            int block = (int)Math.Clamp(BlockBytes / Math.Max(1, rowElements * size), 1, Math.Max(1, rows));
            var buffer = new T[block * rowElements];
            for (long start = 0; start < rows; start += block)
            {
                int n = (int)Math.Min(block, rows - start);
                Span<T> part = buffer.AsSpan(0, (int)(n * rowElements));
                RtdcFile.ReadRows(ds, start, n, part);
                writer.AppendRows<T>(group, name, rowShape, part);
            }
            if (rows == 0)
                writer.AppendRows<T>(group, name, rowShape, []);
        }
    }
}
