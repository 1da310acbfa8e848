using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dcnum.Common;

namespace Dcnum.Segmentation.Torch.Export;

/// <summary>A lifted tensor of the program (constant, parameter or buffer) as the graph names it.</summary>
/// <param name="GraphName">The graph's value name, e.g. <c>c_lifted_tensor_3</c>.</param>
/// <param name="StoredName">The name in the signature and the payload config, e.g. <c>lifted_tensor_3</c>.</param>
/// <param name="Kind">"tensor_constant", "parameter" or "buffer".</param>
public sealed record ProgramConstant(string GraphName, string StoredName, string Kind, Tensor Tensor);

/// <summary>
/// A torch.export program (<c>.pt2</c> zip) ready to run: its nodes in graph order with the
/// operators resolved, and its lifted constants loaded from <c>data/constants</c> /
/// <c>data/weights</c> (raw little-endian storage laid out by <c>tensor_meta</c>). Every
/// operator is checked at load time, so an unknown one fails here, naming the file, instead of
/// part-way through a run. Immutable; <see cref="GraphInterpreter"/> runs it.
/// </summary>
public sealed class ExportedProgram
{
    public string Path { get; }
    public string? TorchVersion { get; }
    public (int Major, int Minor) SchemaVersion { get; }
    public IReadOnlyList<GraphNode> Nodes { get; }
    public IReadOnlyList<ProgramConstant> Constants { get; }

    /// <summary>Name, dtype and traced shape of the one user input (e.g. uint8 [10, 64, 256]).</summary>
    public string InputName { get; }
    public DType InputDType { get; }
    public int[] InputShape { get; }
    public string OutputName { get; }

    internal int SlotCount { get; }
    internal int InputSlot { get; }
    internal int OutputSlot { get; }

    private ExportedProgram(string path, string? torchVersion, (int, int) schema, GraphNode[] nodes,
        ProgramConstant[] constants, int[] constantSlots, string inputName, DType inputDType, int[] inputShape,
        string outputName, int slotCount, int inputSlot, int outputSlot)
    {
        Path = path;
        TorchVersion = torchVersion;
        SchemaVersion = schema;
        Nodes = nodes;
        Constants = constants;
        ConstantSlots = constantSlots;
        InputName = inputName;
        InputDType = inputDType;
        InputShape = inputShape;
        OutputName = outputName;
        SlotCount = slotCount;
        InputSlot = inputSlot;
        OutputSlot = outputSlot;
    }

    internal int[] ConstantSlots { get; }

    /// <summary>Reads a <c>.pt2</c> archive held in memory; <paramref name="path"/> names the model file in errors.</summary>
    public static ExportedProgram Load(byte[] pt2, string path)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(pt2, writable: false), ZipArchiveMode.Read);
            return Load(zip, path);
        }
        catch (InvalidDataException e)
        {
            throw DcnumException.ForFile(path, $"corrupt .pt2 archive in the model file ({e.Message})", e);
        }
        catch (JsonException e)
        {
            throw DcnumException.ForFile(path, $"invalid JSON in the .pt2 archive ({e.Message})", e);
        }
    }

    private static ExportedProgram Load(ZipArchive zip, string path)
    {
        // the archive's top folder is "archive/" in torch 2.x, but find it instead of assuming it
        var models = zip.Entries.Where(e => IsModelJson(e.FullName)).ToList();
        if (models.Count != 1)
            throw DcnumException.ForFile(path, $"expected one <archive>/models/<name>.json in the .pt2 program, found {models.Count}");
        string prefix = models[0].FullName[..(models[0].FullName.IndexOf("/models/", StringComparison.Ordinal) + 1)];
        var program = JsonSerializer.Deserialize(DcnmV2File.ReadEntry(models[0]), ExportJsonContext.Default.ExportedProgramJson);
        var graph = program?.GraphModule?.Graph;
        var signature = program?.GraphModule?.Signature;
        if (graph is null || signature is null)
            throw DcnumException.ForFile(path, "the .pt2 program has no graph or signature");
        if (zip.GetEntry(prefix + "byteorder") is { } order
            && System.Text.Encoding.ASCII.GetString(DcnmV2File.ReadEntry(order)).Trim() != "little")
            throw DcnumException.ForFile(path, "the .pt2 program stores big-endian tensors (only little-endian is supported)");
        var constantsConfig = ReadConfig(zip, prefix + "data/constants/model_constants_config.json");
        var weightsConfig = ReadConfig(zip, prefix + "data/weights/model_weights_config.json");

        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        int Slot(string name)
        {
            if (!slots.TryGetValue(name, out int s))
                slots[name] = s = slots.Count;
            return s;
        }

        var constants = new List<ProgramConstant>();
        var constantSlots = new List<int>();
        string? inputName = null;
        foreach (var spec in signature.InputSpecs)
        {
            (string? graphName, string stored, string kind, PayloadConfigJson? first, string firstDir, PayloadConfigJson? second, string secondDir) = spec switch
            {
                { UserInput: not null } => (null, "", "user_input", null, "", null, ""),
                { TensorConstant: { } c } => (c.Arg?.Name, c.TensorConstantName, "tensor_constant", constantsConfig, "constants", weightsConfig, "weights"),
                { Parameter: { } p } => (p.Arg?.Name, p.ParameterName, "parameter", weightsConfig, "weights", constantsConfig, "constants"),
                { Buffer: { } b } => (b.Arg?.Name, b.BufferName, "buffer", weightsConfig, "weights", constantsConfig, "constants"),
                _ => throw DcnumException.ForFile(path, "unsupported input kind in the .pt2 signature (only tensors are supported)"),
            };
            if (kind == "user_input")
            {
                string? name = spec.UserInput!.Arg?.AsTensor?.Name;
                if (name is null || inputName is not null)
                    throw DcnumException.ForFile(path, "the .pt2 program must take exactly one tensor input");
                inputName = name;
                continue;
            }
            if (graphName is null)
                throw DcnumException.ForFile(path, $"{kind} '{stored}' without a graph name in the .pt2 signature");
            PayloadJson? payload = null;
            string dir = firstDir;
            if (first?.Config.TryGetValue(stored, out payload) != true)
            {
                dir = secondDir;
                if (second?.Config.TryGetValue(stored, out payload) != true)
                    throw DcnumException.ForFile(path, $"{kind} '{stored}' missing in the .pt2 payload configs");
            }
            var tensor = ReadPayload(zip, prefix + "data/" + dir + "/", stored, payload!, path);
            constants.Add(new ProgramConstant(graphName, stored, kind, tensor));
            constantSlots.Add(Slot(graphName));
        }
        if (inputName is null)
            throw DcnumException.ForFile(path, "the .pt2 program has no user input");
        int inputSlot = Slot(inputName);
        if (!graph.TensorValues.TryGetValue(inputName, out var inputMeta))
            throw DcnumException.ForFile(path, $"no tensor metadata for the input '{inputName}'");
        DType inputDType = ToDType(inputMeta.Dtype, inputName, path);
        int[] inputShape = Sizes(inputMeta.Sizes, inputName, path);

        var outputs = signature.OutputSpecs;
        if (outputs.Count != 1 || outputs[0].UserOutput?.Arg?.AsTensor?.Name is not { } outputName)
            throw DcnumException.ForFile(path, "the .pt2 program must return exactly one tensor (no buffer mutations)");

        var nodes = new GraphNode[graph.Nodes.Count];
        for (int i = 0; i < nodes.Length; i++)
        {
            var node = graph.Nodes[i];
            var op = AtenOps.Find(node.Target)
                ?? throw DcnumException.ForFile(path, $"unsupported operator '{node.Target}' in the model graph");
            var args = new Dictionary<string, Arg>(StringComparer.Ordinal);
            foreach (var input in node.Inputs)
                args[input.Name] = Arg.From(input.Arg, Slot);
            var outs = new List<int>();
            foreach (var output in node.Outputs)
            {
                if (output.AsTensor is { } t)
                    outs.Add(Slot(t.Name));
                else if (output.AsTensors is { } list)
                    outs.AddRange(list.Select(x => Slot(x.Name)));
                else
                    outs.Add(-1);
            }
            nodes[i] = new GraphNode(node.Target, op, args, [.. outs]);
        }
        if (!slots.TryGetValue(outputName, out int outputSlot))
            throw DcnumException.ForFile(path, $"the graph never computes its output '{outputName}'");
        return new ExportedProgram(path, program!.TorchVersion,
            program.SchemaVersion is { } sv ? (sv.Major, sv.Minor) : (0, 0), nodes, [.. constants], [.. constantSlots],
            inputName, inputDType, inputShape, outputName, slots.Count, inputSlot, outputSlot);
    }

    private static bool IsModelJson(string name)
    {
        int at = name.IndexOf("/models/", StringComparison.Ordinal);
        return at >= 0 && name.EndsWith(".json", StringComparison.Ordinal)
            && name.IndexOf('/', at + "/models/".Length) < 0 && name.IndexOf('/') == at;
    }

    private static PayloadConfigJson? ReadConfig(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        return entry is null ? null : JsonSerializer.Deserialize(DcnmV2File.ReadEntry(entry), ExportJsonContext.Default.PayloadConfigJson);
    }

    private static Tensor ReadPayload(ZipArchive zip, string dir, string stored, PayloadJson payload, string path)
    {
        if (payload.UsePickle)
            throw DcnumException.ForFile(path, $"tensor '{stored}' is pickled in the .pt2 program (only raw tensors are supported)");
        var meta = payload.TensorMeta ?? throw DcnumException.ForFile(path, $"tensor '{stored}' has no tensor_meta");
        var entry = zip.GetEntry(dir + payload.PathName)
            ?? throw DcnumException.ForFile(path, $"tensor file '{dir + payload.PathName}' missing in the .pt2 program");
        byte[] raw = DcnmV2File.ReadEntry(entry);
        DType dtype = ToDType(meta.Dtype, stored, path);
        int[] shape = Sizes(meta.Sizes, stored, path);
        int[] strides = Sizes(meta.Strides, stored, path);
        long offset = meta.StorageOffset?.AsInt ?? 0;
        if (strides.Length != shape.Length)
            throw DcnumException.ForFile(path, $"tensor '{stored}': strides and sizes differ in rank");
        var tensor = Tensor.Create(dtype, shape);
        int elementSize = dtype switch { DType.Float32 => 4, DType.Int64 => 8, _ => 1 };
        // gather element by element through the strides (constants are small; most are contiguous)
        var index = new int[shape.Length];
        for (int i = 0; i < tensor.Length; i++)
        {
            long at = offset;
            for (int d = 0; d < shape.Length; d++)
                at += (long)index[d] * strides[d];
            long byteAt = at * elementSize;
            if (at < 0 || byteAt + elementSize > raw.Length)
                throw DcnumException.ForFile(path, $"tensor '{stored}' reaches past its {raw.Length}-byte storage");
            var bytes = raw.AsSpan((int)byteAt, elementSize);
            switch (dtype)
            {
                case DType.Float32: tensor.F[i] = MemoryMarshal.Read<float>(bytes); break;
                case DType.Int64: tensor.L[i] = MemoryMarshal.Read<long>(bytes); break;
                case DType.Bool: tensor.B[i] = bytes[0] != 0 ? (byte)1 : (byte)0; break;
                default: tensor.B[i] = bytes[0]; break;
            }
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                    break;
                index[d] = 0;
            }
        }
        return tensor;
    }

    private static DType ToDType(int code, string name, string path) => code switch
    {
        1 => DType.UInt8,
        5 => DType.Int64,
        7 => DType.Float32,
        12 => DType.Bool,
        _ => throw DcnumException.ForFile(path, $"tensor '{name}' has dtype code {code} (supported: 1 uint8, 5 int64, 7 float32, 12 bool)"),
    };

    private static int[] Sizes(List<SymIntJson> sizes, string name, string path)
    {
        var result = new int[sizes.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (sizes[i].AsInt is not { } v || v < 0 || v > int.MaxValue)
                throw DcnumException.ForFile(path, $"tensor '{name}' has a symbolic or invalid size/stride (only static shapes are supported)");
            result[i] = (int)v;
        }
        return result;
    }
}
