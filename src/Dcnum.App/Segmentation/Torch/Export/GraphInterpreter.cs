using Dcnum.Common;
using Dcnum.Segmentation.Torch.Export.Kernels;

namespace Dcnum.Segmentation.Torch.Export;

/// <summary>
/// Runs an <see cref="ExportedProgram"/>'s nodes in graph order. Shapes are recomputed from the
/// actual input at every node (the traced sizes in model.json are ignored), so the batch size is
/// free: a frame computes the same whether it runs alone or in a batch (every kernel treats the
/// samples independently). Output buffers are kept per value and reused between calls (a run
/// allocates only small shape arrays and views). Not thread-safe: one interpreter per worker thread (the
/// program itself is immutable and can be shared).
/// </summary>
public sealed class GraphInterpreter
{
    private readonly ExportedProgram _program;
    private readonly Tensor?[] _values;
    private readonly Tensor?[] _buffers;
    private readonly HashSet<Tensor> _constants;

    /// <summary>Scratch of the convolution kernels (padded input, packed weights).</summary>
    internal KernelScratch Scratch { get; } = new();

    public GraphInterpreter(ExportedProgram program)
    {
        _program = program;
        _values = new Tensor?[program.SlotCount];
        _buffers = new Tensor?[program.SlotCount];
        _constants = new HashSet<Tensor>(program.Constants.Select(c => c.Tensor), ReferenceEqualityComparer.Instance);
    }

    /// <summary>True for the program's own tensors, which in-place ops must not change (they are shared).</summary>
    internal bool IsConstant(Tensor t) => _constants.Contains(t);

    public ExportedProgram Program => _program;

    /// <summary>
    /// Runs the graph on <paramref name="input"/> and returns its output. The returned tensor is
    /// owned by the interpreter and overwritten by the next call.
    /// </summary>
    public Tensor Run(Tensor input)
    {
        Array.Clear(_values);
        var constants = _program.Constants;
        for (int i = 0; i < constants.Count; i++)
            _values[_program.ConstantSlots[i]] = constants[i].Tensor;
        _values[_program.InputSlot] = input;
        foreach (var node in _program.Nodes)
        {
            try
            {
                node.Op(node, this);
            }
            // shape and argument checks throw InvalidOperationException; an index error means a
            // graph whose shapes the checks missed: either way one line naming the op, not a crash
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                throw DcnumException.ForFile(_program.Path, $"{node.Target}: {e.Message}", e);
            }
        }
        return _values[_program.OutputSlot]
            ?? throw DcnumException.ForFile(_program.Path, $"the graph did not compute its output '{_program.OutputName}'");
    }

    // ---- argument access for the ops (errors are InvalidOperationException, wrapped above) ----

    internal Tensor Tensor(GraphNode node, string name)
        => OptionalTensor(node, name) ?? throw new InvalidOperationException($"argument '{name}' is missing or not a tensor");

    internal Tensor? OptionalTensor(GraphNode node, string name)
    {
        if (!node.Args.TryGetValue(name, out var arg) || arg.Kind == ArgKind.None)
            return null;
        if (arg.Kind != ArgKind.Tensor)
            throw new InvalidOperationException($"argument '{name}' is not a tensor");
        return _values[arg.Slot] ?? throw new InvalidOperationException($"argument '{name}' used before it is computed");
    }

    internal Tensor[] Tensors(GraphNode node, string name)
    {
        if (!node.Args.TryGetValue(name, out var arg) || arg.Kind != ArgKind.Tensors)
            throw new InvalidOperationException($"argument '{name}' is missing or not a tensor list");
        return [.. arg.Slots.Select(s => _values[s] ?? throw new InvalidOperationException($"argument '{name}' used before it is computed"))];
    }

    internal bool Has(GraphNode node, string name)
        => node.Args.TryGetValue(name, out var arg) && arg.Kind != ArgKind.None;

    internal long Int(GraphNode node, string name, long fallback)
    {
        if (!node.Args.TryGetValue(name, out var arg) || arg.Kind == ArgKind.None)
            return fallback;
        return arg.Kind switch
        {
            ArgKind.Int => arg.Int,
            ArgKind.Bool => arg.Bool ? 1 : 0,
            _ => throw new InvalidOperationException($"argument '{name}' is not an int"),
        };
    }

    internal long[] Ints(GraphNode node, string name, long[] fallback)
    {
        if (!node.Args.TryGetValue(name, out var arg) || arg.Kind == ArgKind.None)
            return fallback;
        return arg.Kind switch
        {
            ArgKind.Ints => arg.Ints,
            ArgKind.Int => [arg.Int],
            _ => throw new InvalidOperationException($"argument '{name}' is not an int list"),
        };
    }

    internal double Float(GraphNode node, string name, double fallback)
    {
        if (!node.Args.TryGetValue(name, out var arg) || arg.Kind == ArgKind.None)
            return fallback;
        return arg.Kind switch
        {
            ArgKind.Float => arg.Float,
            ArgKind.Int => arg.Int,
            ArgKind.Bool => arg.Bool ? 1 : 0,
            _ => throw new InvalidOperationException($"argument '{name}' is not a number"),
        };
    }

    internal double[]? Floats(GraphNode node, string name)
    {
        if (!node.Args.TryGetValue(name, out var arg) || arg.Kind == ArgKind.None)
            return null;
        return arg.Kind == ArgKind.Floats ? arg.Floats : throw new InvalidOperationException($"argument '{name}' is not a float list");
    }

    internal bool Bool(GraphNode node, string name, bool fallback)
    {
        if (!node.Args.TryGetValue(name, out var arg) || arg.Kind == ArgKind.None)
            return fallback;
        return arg.Kind switch
        {
            ArgKind.Bool => arg.Bool,
            ArgKind.Int => arg.Int != 0,
            _ => throw new InvalidOperationException($"argument '{name}' is not a bool"),
        };
    }

    /// <summary>A scalar argument (number or 0-d tensor) for the <c>.Scalar</c> overloads.</summary>
    internal Arg? RawArg(GraphNode node, string name) => node.Args.GetValueOrDefault(name);

    internal DType? ScalarType(GraphNode node, string name)
    {
        if (!node.Args.TryGetValue(name, out var arg) || arg.Kind == ArgKind.None)
            return null;
        if (arg.Kind != ArgKind.ScalarType)
            throw new InvalidOperationException($"argument '{name}' is not a dtype");
        return arg.Int switch
        {
            1 => DType.UInt8,
            5 => DType.Int64,
            7 => DType.Float32,
            12 => DType.Bool,
            _ => throw new InvalidOperationException($"dtype code {arg.Int} is not supported (1 uint8, 5 int64, 7 float32, 12 bool)"),
        };
    }

    /// <summary>The buffer for output <paramref name="index"/>, reused from the previous call when it fits.</summary>
    internal Tensor Output(GraphNode node, int index, DType dtype, int[] shape)
    {
        int slot = OutputSlot(node, index);
        var tensor = global::Dcnum.Segmentation.Torch.Export.Tensor.Create(dtype, shape, _buffers[slot]);
        if (tensor.Capacity >= (_buffers[slot]?.Capacity ?? 0))
            _buffers[slot] = tensor;
        _values[slot] = tensor;
        return tensor;
    }

    /// <summary>Output <paramref name="index"/> is <paramref name="tensor"/> itself (in-place ops, views, no-ops).</summary>
    internal void Alias(GraphNode node, int index, Tensor tensor) => _values[OutputSlot(node, index)] = tensor;

    internal bool WantsOutput(GraphNode node, int index) => index < node.Outputs.Length && node.Outputs[index] >= 0;

    private static int OutputSlot(GraphNode node, int index)
    {
        if (index >= node.Outputs.Length || node.Outputs[index] < 0)
            throw new InvalidOperationException($"output {index} is not named in the graph");
        return node.Outputs[index];
    }
}
