namespace Dcnum.Logic;

/// <summary>
/// The lease on one batch of frames of one slot for task <typeparamref name="TTask"/> (its states
/// and batch size are compile-time constants of the generated task type). <see cref="Enter"/>
/// checks the slot is still in the task's state (else it releases and throws); <see cref="Leave"/>
/// marks the batch done only if the task succeeded, releases it, and moves the slot to the next
/// state once the whole chunk is done. dcnum counterpart: <c>logic.chunk_slot.StateWarden</c>.
/// </summary>
public struct StateWarden<TTask> where TTask : ISlotTask
{
    private bool _entered;
    private bool _left;

    internal StateWarden(ChunkSlot slot, int start, int stop)
    {
        Slot = slot;
        Start = start;
        Stop = stop;
    }

    public ChunkSlot Slot { get; }
    public int Start { get; }
    public int Stop { get; }
    public readonly int BatchSize => Stop - Start;

    /// <summary>Confirms the slot is still in <c>TTask.From</c>; otherwise releases the batch and throws.</summary>
    public void Enter()
    {
        if (Slot.State != TTask.From)
        {
            Slot.Release(Start, Stop, taskDone: false);
            _left = true;
            throw new InvalidOperationException($"{this}: the slot left state '{(char)TTask.From}' before the task began");
        }
        _entered = true;
    }

    /// <summary>Ends the lease: <paramref name="succeeded"/> marks the frames done; the slot advances when its chunk is complete.</summary>
    public void Leave(bool succeeded)
    {
        if (_left)
            return;
        _left = true;
        bool complete = Slot.Release(Start, Stop, succeeded && _entered);
        if (complete)
            Slot.TryAdvance(TTask.From, TTask.To);
    }

    public override readonly string ToString()
        => $"StateWarden<{TTask.Name}>('{(char)TTask.From}'→'{(char)TTask.To}', chunk {Slot.Chunk}, frames {Start}..{Stop})";
}
