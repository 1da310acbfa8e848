namespace Dcnum.Logic;

/// <summary>
/// The life of a chunk slot, declared once: dcnum's states (0 construct, i load, s segment,
/// m label masks, l process labels, e extract features, w write, d done, n unspecified) and the
/// five tasks of <c>dcnum.logic.slot_register</c> with their batch sizes, in the order workers run
/// them. The generator (Dcnum.Generators) emits the loading state, the task count and one task
/// type per line below. A new state is one change here; a new task is one line here, its kernel
/// and its place in the worker's loop.
/// </summary>
[SlotStateMachine(States = "0ismlewdn", Loading = 'i')]
[SlotTask("LoadAll", 'i', 's', 0)]
[SlotTask("SegmentImages", 's', 'm', 10)]
[SlotTask("LabelMasks", 'm', 'l', 100)]
[SlotTask("ProcessLabels", 'l', 'e', 100)]
[SlotTask("ExtractFeatures", 'e', 'i', 100)]
public static partial class SlotStateMachine;
