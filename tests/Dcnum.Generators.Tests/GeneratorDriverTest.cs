using Microsoft.CodeAnalysis;

namespace Dcnum.Generators.Tests;

/// <summary>The app's declaration with the generator: the generated code compiles and every generated member is usable.</summary>
public class GeneratorDriverTest
{
    [Test]
    public async Task Generated_Members_CompileAndAreConstants()
    {
        const string usage = """
            namespace Probe
            {
                using Dcnum.Logic;
                public static class Use
                {
                    public static int Batch<T>() where T : ISlotTask => T.BatchSize + T.Index + T.From + T.To + T.Name.Length;
                    public static int All => Batch<SlotStateMachine.LoadAll>() + Batch<SlotStateMachine.SegmentImages>() + Batch<SlotStateMachine.LabelMasks>()
                        + Batch<SlotStateMachine.ProcessLabels>() + Batch<SlotStateMachine.ExtractFeatures>();
                    public const byte Loading = SlotStateMachine.Loading;             // compile-time constants
                    public const int Tasks = SlotStateMachine.TaskCount;
                    public const byte From = SlotStateMachine.ExtractFeatures.From;
                    public const int Last = SlotStateMachine.ExtractFeatures.Index;
                }
            }
            """;
        var result = GeneratorHarness.Run(GeneratorHarness.Declaration, usage);
        var errors = result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        await Assert.That(string.Join("\n", errors)).IsEqualTo("");
        using var stream = new MemoryStream();
        await Assert.That(result.Output.Emit(stream).Success).IsTrue();
    }
}
