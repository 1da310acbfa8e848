namespace Dcnum.Segmentation.Torch.Export;

/// <summary>What a serialized <c>Argument</c> holds, after loading.</summary>
internal enum ArgKind
{
    None,
    Tensor,
    Tensors,
    Int,
    Ints,
    Float,
    Floats,
    Bool,
    ScalarType,
    /// <summary>Device, layout, memory format, symbolic values...: only ops that ignore them may see them.</summary>
    Other,
}

/// <summary>One node input, with tensor names resolved to value slots.</summary>
internal sealed class Arg
{
    public ArgKind Kind { get; private init; }
    public int Slot { get; private init; } = -1;
    public int[] Slots { get; private init; } = [];
    public long Int { get; private init; }
    public long[] Ints { get; private init; } = [];
    public double Float { get; private init; }
    public double[] Floats { get; private init; } = [];
    public bool Bool { get; private init; }

    public static Arg From(ArgumentJson? a, Func<string, int> slot) => a switch
    {
        null => new Arg { Kind = ArgKind.None },
        { AsTensor: { } t } => new Arg { Kind = ArgKind.Tensor, Slot = slot(t.Name) },
        { AsTensors: { } ts } => new Arg { Kind = ArgKind.Tensors, Slots = [.. ts.Select(t => slot(t.Name))] },
        { AsInt: { } i } => new Arg { Kind = ArgKind.Int, Int = i },
        { AsInts: { } i } => new Arg { Kind = ArgKind.Ints, Ints = [.. i] },
        { AsFloat: { } f } => new Arg { Kind = ArgKind.Float, Float = f },
        { AsFloats: { } f } => new Arg { Kind = ArgKind.Floats, Floats = [.. f] },
        { AsBool: { } b } => new Arg { Kind = ArgKind.Bool, Bool = b },
        { AsScalarType: { } s } => new Arg { Kind = ArgKind.ScalarType, Int = s },
        { AsNone: not null } => new Arg { Kind = ArgKind.None },
        _ => new Arg { Kind = ArgKind.Other },
    };
}

/// <summary>One operator call of the graph: its target, named inputs and output slots (-1: unused).</summary>
public sealed class GraphNode
{
    internal GraphNode(string target, AtenOps.Op op, Dictionary<string, Arg> args, int[] outputs)
    {
        Target = target;
        Op = op;
        Args = args;
        Outputs = outputs;
    }

    /// <summary>e.g. <c>torch.ops.aten.conv2d.default</c>.</summary>
    public string Target { get; }
    internal AtenOps.Op Op { get; }
    internal Dictionary<string, Arg> Args { get; }
    internal int[] Outputs { get; }
}
