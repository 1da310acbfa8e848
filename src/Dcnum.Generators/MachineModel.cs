namespace Dcnum.Generators;

/// <summary>One task: the state it needs, the state it leaves, frames per lease (0 = the whole chunk).</summary>
public sealed record TaskModel(string Name, char From, char To, int BatchSize, LocationInfo Location);

/// <summary>
/// The declaration as plain values (strings, characters, numbers, <see cref="LocationInfo"/>):
/// namespace, class, states, the loading state and the tasks in declaration order. Records over
/// an <see cref="EquatableArray{T}"/>, so equal declarations give equal models and the pipeline caches.
/// </summary>
public sealed record MachineModel(string Namespace, string ClassName, string States, char Loading, EquatableArray<TaskModel> Tasks, LocationInfo Location)
{
    public string HintPrefix => (Namespace.Length > 0 ? Namespace + "." : "") + ClassName;
}

/// <summary>A broken rule of the declaration: the diagnostic's id, where, and its message arguments.</summary>
public sealed record Problem(string Id, LocationInfo Location, EquatableArray<string> Arguments);

/// <summary>A model with its problems (none when the declaration is sound).</summary>
public sealed record CheckedMachine(MachineModel Machine, EquatableArray<Problem> Problems);
