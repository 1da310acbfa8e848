using Microsoft.CodeAnalysis;

namespace Dcnum.Generators;

/// <summary>The diagnostics of a broken slot state machine; each id is listed in AnalyzerReleases.Unshipped.md.</summary>
public static class DiagnosticDescriptors
{
    private const string Category = "Dcnum.SlotStateMachine";

    public static readonly DiagnosticDescriptor UnknownState = new(
        "DCN001", "Unknown slot state", "Task '{0}' uses state '{1}', which is not one of the declared states \"{2}\"",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateEdge = new(
        "DCN002", "Two tasks on one transition", "Tasks '{0}' and '{1}' both move slots from '{2}' to '{3}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DeadEnd = new(
        "DCN003", "A state no task leaves", "Tasks move slots into state '{0}', but no task leaves it: slots would stay there forever",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoReturnToLoading = new(
        "DCN004", "The cycle does not return to loading", "Starting at the loading state '{0}', the tasks never lead back to it ({1}): slots could not be reused",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>Every descriptor above, for looking one up by <see cref="Problem.Id"/>.</summary>
    public static readonly DiagnosticDescriptor[] All = [UnknownState, DuplicateEdge, DeadEnd, NoReturnToLoading];

    public static DiagnosticDescriptor ById(string id) => System.Array.Find(All, d => d.Id == id)
        ?? throw new System.ArgumentOutOfRangeException(nameof(id), id, "no such diagnostic");
}
