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
