namespace Dcnum.Logic;

/// <summary>Declares the slot state machine for the source generator (Dcnum.Generators).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class SlotStateMachineAttribute : Attribute
{
    /// <summary>Every state, one character each.</summary>
    public string States { get; set; } = "";

    /// <summary>The state in which a slot (re)starts: loading.</summary>
    public char Loading { get; set; }
}

/// <summary>One task: its name (the generated type), the state it needs, the state it leaves, frames per lease (0 = whole chunk).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
internal sealed class SlotTaskAttribute(string name, char from, char to, int batchSize) : Attribute
{
    public string Name { get; } = name;
    public char From { get; } = from;
    public char To { get; } = to;
    public int BatchSize { get; } = batchSize;
}

/// <summary>A task's compile-time facts, implemented by the generated task types.</summary>
public interface ISlotTask
{
    static abstract int Index { get; }
    static abstract byte From { get; }
    static abstract byte To { get; }
    static abstract int BatchSize { get; }
    static abstract string Name { get; }
}

/// <summary>
/// The life of a chunk slot, declared once: dcnum's states (0 construct, i load, s segment,
/// m label masks, l process labels, e extract features, w write, d done, n unspecified) and the
/// five tasks of <c>dcnum.logic.slot_register</c> with their batch sizes, in the order workers run
/// them. The generator emits the transition table and one task type per line below.
/// </summary>
[SlotStateMachine(States = "0ismlewdn", Loading = 'i')]
[SlotTask("LoadAll", 'i', 's', 0)]
[SlotTask("SegmentImages", 's', 'm', 10)]
[SlotTask("LabelMasks", 'm', 'l', 100)]
[SlotTask("ProcessLabels", 'l', 'e', 100)]
[SlotTask("ExtractFeatures", 'e', 'i', 100)]
public static partial class SlotStateMachine;
