using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dcnum.Generators.Tests;

public class SlotStateMachineGeneratorTest
{
    private static string Snapshot(string name) => Path.Combine(AppContext.BaseDirectory, "Snapshots", name);

    [Test]
    public async Task Emit_DcnumDeclaration_MatchesReviewedSnapshots()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Declaration);
        await Assert.That(result.Diagnostics.Length).IsEqualTo(0);
        var generated = result.Run.Results.Single().GeneratedSources;
        await Assert.That(generated.Length).IsEqualTo(2);
        foreach (var source in generated)
        {
            string expectedPath = Snapshot(source.HintName.Replace(".g.cs", ".verified.cs", StringComparison.Ordinal));
            string actual = source.SourceText.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
            if (!File.Exists(expectedPath) || await File.ReadAllTextAsync(expectedPath) != actual)
            {
                // Write *.received.cs next to the test output for review; never accept automatically.
                Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
                await File.WriteAllTextAsync(Path.ChangeExtension(expectedPath, null) + ".received.cs", actual);
            }
            await Assert.That(File.Exists(expectedPath)).IsTrue();
            await Assert.That(actual).IsEqualTo(await File.ReadAllTextAsync(expectedPath));
        }
    }

    [Test]
    public async Task Generated_Types_CompileAndAreUsable()
    {
        // A consumer that uses every generated member, generically and through constants.
        const string usage = """
            namespace Probe
            {
                using Dcnum.Logic;
                public static class Use
                {
                    public static int Batch<T>() where T : ISlotTask => T.BatchSize;
                    public static byte Next => SlotStateMachine.Next((byte)'e');
                    public static int All => Batch<SlotStateMachine.LoadAll>() + Batch<SlotStateMachine.SegmentImages>() + SlotStateMachine.LabelMasks.BatchSize
                        + SlotStateMachine.StateCount + SlotStateMachine.TaskNames.Length + SlotStateMachine.States.Length + SlotStateMachine.Loading;
                    public const byte From = SlotStateMachine.ExtractFeatures.From; // compile-time constant
                }
            }
            """;
        var result = GeneratorHarness.Run(GeneratorHarness.Declaration, usage);
        var errors = result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        await Assert.That(string.Join("\n", errors)).IsEqualTo("");
        using var stream = new MemoryStream();
        var emit = result.Output.Emit(stream);
        await Assert.That(emit.Success).IsTrue();
    }

    [Test]
    [Arguments("DCN001", """[SlotStateMachine(States = "isme", Loading = 'i')][SlotTask("A", 'i', 's', 0)][SlotTask("B", 's', 'x', 1)][SlotTask("C", 'x', 'i', 1)]""")]
    [Arguments("DCN002", """[SlotStateMachine(States = "is", Loading = 'i')][SlotTask("A", 'i', 's', 0)][SlotTask("B", 'i', 's', 5)][SlotTask("C", 's', 'i', 1)]""")]
    [Arguments("DCN003", """[SlotStateMachine(States = "ism", Loading = 'i')][SlotTask("A", 'i', 's', 0)][SlotTask("B", 's', 'm', 1)]""")]
    [Arguments("DCN004", """[SlotStateMachine(States = "ism", Loading = 'i')][SlotTask("A", 'i', 's', 0)][SlotTask("B", 's', 'm', 1)][SlotTask("C", 'm', 's', 1)]""")]
    public async Task BrokenDeclaration_ReportsItsDiagnostic_AndEmitsNothing(string id, string attributes)
    {
        string source = "namespace Dcnum.Logic { " + attributes + " public static partial class Machine; }";
        var result = GeneratorHarness.Run(source);
        await Assert.That(result.Diagnostics.Select(d => d.Id).Distinct().ToArray()).IsEquivalentTo(new[] { id });
        await Assert.That(result.Diagnostics.All(d => d.Severity == DiagnosticSeverity.Error)).IsTrue();
        await Assert.That(result.Run.Results.Single().GeneratedSources.Length).IsEqualTo(0);
    }

    [Test]
    public async Task DiagnosticIds_AreContiguousAndAllListedInReleases()
    {
        string[] ids = [Diagnostics.UnknownState.Id, Diagnostics.DuplicateEdge.Id, Diagnostics.DeadEnd.Id, Diagnostics.NoReturnToLoading.Id];
        await Assert.That(ids).IsEquivalentTo(new[] { "DCN001", "DCN002", "DCN003", "DCN004" });
        string releases = await File.ReadAllTextAsync(Snapshot("../AnalyzerReleases.Unshipped.md"));
        foreach (string id in ids)
            await Assert.That(releases).Contains(id);
    }

    [Test]
    public async Task SecondRun_UnchangedInput_IsCached()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = new[] { GeneratorHarness.Support, GeneratorHarness.Declaration }.Select(s => CSharpSyntaxTree.ParseText(s, parse));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Probe", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new SlotStateMachineGenerator().AsSourceGenerator()], parseOptions: parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated {}", parse)));
        var steps = driver.GetRunResult().Results.Single().TrackedSteps["SlotStateMachine"];
        await Assert.That(steps.SelectMany(s => s.Outputs).All(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).IsTrue();
    }
}
