using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Dcnum.Generators.Tests;

/// <summary>One minimal broken declaration per diagnostic; the ids come from <see cref="DiagnosticDescriptors"/> itself.</summary>
public class DiagnosticTest
{
    /// <summary>A declaration that breaks exactly one rule, per id.</summary>
    private static readonly Dictionary<string, string> s_broken = new()
    {
        ["DCN001"] = """[SlotStateMachine(States = "isme", Loading = 'i')][SlotTask("A", 'i', 's', 0)][SlotTask("B", 's', 'x', 1)][SlotTask("C", 'x', 'i', 1)]""",
        ["DCN002"] = """[SlotStateMachine(States = "is", Loading = 'i')][SlotTask("A", 'i', 's', 0)][SlotTask("B", 'i', 's', 5)][SlotTask("C", 's', 'i', 1)]""",
        ["DCN003"] = """[SlotStateMachine(States = "ism", Loading = 'i')][SlotTask("A", 'i', 's', 0)][SlotTask("B", 's', 'm', 1)]""",
        ["DCN004"] = """[SlotStateMachine(States = "ism", Loading = 'i')][SlotTask("A", 'i', 's', 0)][SlotTask("B", 's', 'm', 1)][SlotTask("C", 'm', 's', 1)]""",
    };

    /// <summary>Every descriptor the generator declares, found by reflection (a new one cannot be missed).</summary>
    private static DiagnosticDescriptor[] Declared() => [.. typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)];

    public static IEnumerable<string> Ids() => Declared().Select(d => d.Id);

    [Test]
    [MethodDataSource(nameof(Ids))]
    public async Task BrokenDeclaration_ReportsItsDiagnostic_AndEmitsNothing(string id)
    {
        await Assert.That(s_broken.ContainsKey(id)).IsTrue(); // every declared id has a case
        string source = "namespace Dcnum.Logic { " + s_broken[id] + " public static partial class Machine; }";
        var result = GeneratorHarness.Run(source);
        await Assert.That(result.Diagnostics.Select(d => d.Id).Distinct().ToArray()).IsEquivalentTo(new[] { id });
        await Assert.That(result.Diagnostics.All(d => d.Severity == DiagnosticSeverity.Error)).IsTrue();
        await Assert.That(result.Run.Results.Single().GeneratedSources.Length).IsEqualTo(0);
    }

    [Test]
    public async Task DiagnosticIds_AreContiguous_ListedInReleases_AndAllLookedUp()
    {
        DiagnosticDescriptor[] declared = Declared();
        string[] ids = [.. declared.Select(d => d.Id).Order(StringComparer.Ordinal)];
        await Assert.That(ids).IsEquivalentTo(Enumerable.Range(1, ids.Length).Select(i => $"DCN{i:000}").ToArray());
        await Assert.That(DiagnosticDescriptors.All).IsEquivalentTo(declared);
        await Assert.That(s_broken.Keys.Order(StringComparer.Ordinal).ToArray()).IsEquivalentTo(ids);
        string releases = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "AnalyzerReleases.Unshipped.md"));
        foreach (string id in ids)
            await Assert.That(releases).Contains(id);
    }
}
