using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dcnum.Generators.Tests;

/// <summary>
/// The pipeline caches: a second run over an unrelated edit reuses every tracked step, a real edit
/// of the declaration recomputes, and no step's output holds a Roslyn symbol, syntax node or compilation.
/// </summary>
public class IncrementalityTest
{
    /// <summary>Every tracking name the generator declares (a new step cannot be missed).</summary>
    private static string[] StepNames() => [.. typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)];

    private static GeneratorRunResult RunTwice(Func<CSharpCompilation, CSharpCompilation> edit)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(GeneratorHarness.Declaration);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        return driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single();
    }

    [Test]
    public async Task UnrelatedEdit_EveryStepCached()
    {
        GeneratorRunResult run = RunTwice(c => c.AddSyntaxTrees(GeneratorHarness.Parse("class Unrelated {}")));
        string[] names = StepNames();
        await Assert.That(names.Length).IsGreaterThanOrEqualTo(2);
        foreach (string name in names)
        {
            await Assert.That(run.TrackedSteps.ContainsKey(name)).IsTrue();
            var reasons = run.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            await Assert.That(reasons.Length).IsGreaterThan(0);
            await Assert.That(reasons.All(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).IsTrue();
        }
    }

    [Test]
    public async Task DeclarationEdit_StepsRecompute()
    {
        GeneratorRunResult run = RunTwice(c =>
        {
            SyntaxTree old = c.SyntaxTrees.Single(t => t.ToString().Contains("SlotStateMachine(States", StringComparison.Ordinal));
            string changed = old.ToString().Replace("""[SlotTask("SegmentImages", 's', 'm', 10)]""", """[SlotTask("SegmentImages", 's', 'm', 20)]""", StringComparison.Ordinal);
            return c.ReplaceSyntaxTree(old, GeneratorHarness.Parse(changed));
        });
        foreach (string name in StepNames())
        {
            var reasons = run.TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            await Assert.That(reasons).Contains(IncrementalStepRunReason.Modified);
        }
    }

    [Test]
    public async Task StepOutputs_HoldNoRoslynObjects()
    {
        GeneratorRunResult run = RunTwice(c => c);
        foreach (string name in StepNames())
        {
            foreach (var (value, _) in run.TrackedSteps[name].SelectMany(s => s.Outputs))
                await Assert.That(FindRoslynObject(value, 0)).IsNull();
        }
    }

    /// <summary>The path to the first symbol, syntax node, syntax tree, semantic model or compilation reachable from <paramref name="value"/>, or null.</summary>
    private static string? FindRoslynObject(object? value, int depth)
    {
        if (value is null || depth > 8 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return null;
        if (value is ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Compilation)
            return value.GetType().Name;
        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                if (FindRoslynObject(item, depth + 1) is { } found)
                    return "[]." + found;
            }
            return null;
        }
        foreach (PropertyInfo p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract")
                continue;
            if (FindRoslynObject(p.GetValue(value), depth + 1) is { } found)
                return p.Name + "." + found;
        }
        return null;
    }
}
