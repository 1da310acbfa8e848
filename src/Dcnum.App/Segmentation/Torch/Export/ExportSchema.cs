using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dcnum.Segmentation.Torch.Export;

// The parts of torch.export's serialized ExportedProgram (torch/_export/serde/schema.py, schema
// 8.x) that the interpreter reads: `<archive>/models/<name>.json` and the constants/weights
// configs beside the raw tensor files. Unions are objects with exactly one `as_*` member set;
// members we do not know are ignored here and rejected where an op would need them.

internal sealed class ExportedProgramJson
{
    public GraphModuleJson? GraphModule { get; set; }
    public SchemaVersionJson? SchemaVersion { get; set; }
    public string? TorchVersion { get; set; }
}

internal sealed class SchemaVersionJson
{
    public int Major { get; set; }
    public int Minor { get; set; }
}

internal sealed class GraphModuleJson
{
    public GraphJson? Graph { get; set; }
    public SignatureJson? Signature { get; set; }
}

internal sealed class GraphJson
{
    public List<ArgumentJson> Inputs { get; set; } = [];
    public List<ArgumentJson> Outputs { get; set; } = [];
    public List<NodeJson> Nodes { get; set; } = [];
    public Dictionary<string, TensorMetaJson> TensorValues { get; set; } = [];
}

internal sealed class NodeJson
{
    public string Target { get; set; } = "";
    public List<NamedArgumentJson> Inputs { get; set; } = [];
    public List<ArgumentJson> Outputs { get; set; } = [];
}

internal sealed class NamedArgumentJson
{
    public string Name { get; set; } = "";
    public ArgumentJson? Arg { get; set; }
}

internal sealed class TensorNameJson
{
    public string Name { get; set; } = "";
}

/// <summary>The <c>Argument</c> union; null members are absent.</summary>
internal sealed class ArgumentJson
{
    public JsonElement? AsNone { get; set; }
    public TensorNameJson? AsTensor { get; set; }
    public List<TensorNameJson>? AsTensors { get; set; }
    public List<ArgumentJson>? AsOptionalTensors { get; set; }
    public long? AsInt { get; set; }
    public List<long>? AsInts { get; set; }
    public double? AsFloat { get; set; }
    public List<double>? AsFloats { get; set; }
    public bool? AsBool { get; set; }
    public List<bool>? AsBools { get; set; }
    public int? AsScalarType { get; set; }
    public int? AsLayout { get; set; }
    public int? AsMemoryFormat { get; set; }
    public string? AsString { get; set; }
    public JsonElement? AsDevice { get; set; }
    public JsonElement? AsSymInt { get; set; }
    public JsonElement? AsSymInts { get; set; }
}

internal sealed class SignatureJson
{
    public List<InputSpecJson> InputSpecs { get; set; } = [];
    public List<OutputSpecJson> OutputSpecs { get; set; } = [];
}

internal sealed class InputSpecJson
{
    public UserInputJson? UserInput { get; set; }
    public ParameterSpecJson? Parameter { get; set; }
    public BufferSpecJson? Buffer { get; set; }
    public TensorConstantSpecJson? TensorConstant { get; set; }
    public JsonElement? CustomObj { get; set; }
    public JsonElement? Token { get; set; }
    public JsonElement? ConstantInput { get; set; }
}

internal sealed class UserInputJson
{
    public ArgumentJson? Arg { get; set; }
}

internal sealed class ParameterSpecJson
{
    public TensorNameJson? Arg { get; set; }
    public string ParameterName { get; set; } = "";
}

internal sealed class BufferSpecJson
{
    public TensorNameJson? Arg { get; set; }
    public string BufferName { get; set; } = "";
}

internal sealed class TensorConstantSpecJson
{
    public TensorNameJson? Arg { get; set; }
    public string TensorConstantName { get; set; } = "";
}

internal sealed class OutputSpecJson
{
    public UserInputJson? UserOutput { get; set; }
    public JsonElement? LossOutput { get; set; }
    public JsonElement? BufferMutation { get; set; }
    public JsonElement? UserInputMutation { get; set; }
    public JsonElement? Token { get; set; }
}

internal sealed class TensorMetaJson
{
    public int Dtype { get; set; }
    public List<SymIntJson> Sizes { get; set; } = [];
    public List<SymIntJson> Strides { get; set; } = [];
    public SymIntJson? StorageOffset { get; set; }
}

internal sealed class SymIntJson
{
    public long? AsInt { get; set; }
}

/// <summary><c>model_constants_config.json</c> / <c>model_weights_config.json</c>.</summary>
internal sealed class PayloadConfigJson
{
    public Dictionary<string, PayloadJson> Config { get; set; } = [];
}

internal sealed class PayloadJson
{
    public string PathName { get; set; } = "";
    public bool UsePickle { get; set; }
    public TensorMetaJson? TensorMeta { get; set; }
}

/// <summary>Source-generated (reflection-free, AOT-safe) readers of the files above.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ExportedProgramJson))]
[JsonSerializable(typeof(PayloadConfigJson))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
