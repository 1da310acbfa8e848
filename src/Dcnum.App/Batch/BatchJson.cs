using System.Text.Json.Serialization;

namespace Dcnum.Batch;

/// <summary>
/// The batch's JSON files and reports, serialised by System.Text.Json's source generator
/// (no reflection: the binary is Native AOT and trimmed).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BatchManifest))]
[JsonSerializable(typeof(BatchWave))]
[JsonSerializable(typeof(ResultRecord))]
[JsonSerializable(typeof(BatchReportJson))]
[JsonSerializable(typeof(BatchStatusJson))]
internal sealed partial class BatchJson : JsonSerializerContext;
