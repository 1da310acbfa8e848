using Dcnum.Read;

namespace Dcnum.Write;

/// <summary>
/// Copies the input's metadata into the output as dcnum's <c>write.copy_metadata</c> does with
/// h5py: every root attribute with its stored type (arrays too); every non-empty dataset of
/// <c>logs/</c> and <c>tables/</c> (compound or plain) with its attributes, and a "software"
/// attribute that appends the writing program to the source's ("acquisition 1.0 | dcnum-native
/// X"; the reference names itself, "dcnum 0.31.0"). Attributes the output sets itself (pipeline
/// identifiers, event count, …) are set after this and win, as dcnum never overrides its own.
/// </summary>
public static class MetadataCopy
{
    public static string Software => Meta.SoftwareVersion.Named;

    /// <param name="skipped">Called with a one-line reason for each item that cannot be copied.</param>
    public static void Attributes(RtdcFile input, RtdcWriter writer, Action<string> skipped)
    {
        foreach (var (key, value) in input.Attributes)
        {
            if (value.Kind == AttributeKind.Unsupported)
                skipped($"Attribute '{key}' not copied: its type ({value.DType}) is not supported");
            else
                writer.SetAttribute(key, value);
        }
    }

    /// <summary>Logs and tables; logs the output writes itself are set before and are not replaced.</summary>
    public static void LogsAndTables(RtdcFile input, RtdcWriter writer, Action<string> skipped)
    {
        foreach (var (name, lines) in input.Logs)
        {
            writer.SetLog(name, lines, stringLength: input.LogStringLength(name));
            CopyDatasetAttributes(input, writer, "logs", name);
        }
        foreach (string table in input.GroupMembers("tables"))
        {
            if (input.ReadRawTable(table) is not { } raw)
            {
                skipped($"Table '{table}' not copied: only tables of numbers are supported");
                continue;
            }
            if (raw.Bytes.Length == 0)
                continue; // dcnum ignores empty datasets
            writer.SetTable(raw);
            CopyDatasetAttributes(input, writer, "tables", table);
        }
    }

    private static void CopyDatasetAttributes(RtdcFile input, RtdcWriter writer, string group, string name)
    {
        string path = $"{group}/{name}";
        string? software = null;
        foreach (var (key, value) in input.DatasetAttributes(group, name))
        {
            if (key == "software")
                software = value.Kind == AttributeKind.String ? value.Text : value.ToString();
            else if (value.Kind != AttributeKind.Unsupported)
                writer.SetDatasetAttribute(path, key, value);
        }
        // dcnum: " | ".join([src software (if any), f"dcnum {version}"]), a Python str.
        string text = software is null ? Software : $"{software} | {Software}";
        writer.SetDatasetAttribute(path, "software", AttributeValue.FromString(text) with { DType = "str" });
    }
}
