namespace Dcnum.Meta;

/// <summary>This program's name and version as written into outputs, logs and <c>--version</c>.</summary>
public static class SoftwareVersion
{
    /// <summary>The assembly version, three parts (e.g. <c>0.1.0</c>).</summary>
    public static string Number => typeof(SoftwareVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary><c>dcnum-native 0.1.0</c>: the software string of tables and basin descriptions.</summary>
    public static string Named => $"dcnum-native {Number}";
}
