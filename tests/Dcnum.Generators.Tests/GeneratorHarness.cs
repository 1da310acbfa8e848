using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dcnum.Generators.Tests;

/// <summary>Compiles a declaration with the generator, as the app's build does.</summary>
internal static class GeneratorHarness
{
    // The attributes and the task interface live in Dcnum.App; tests declare the same shapes.
    public const string Support = """
        using System;
        namespace Dcnum.Logic
        {
            [AttributeUsage(AttributeTargets.Class)]
            internal sealed class SlotStateMachineAttribute : Attribute { public string States { get; set; } = ""; public char Loading { get; set; } }
            [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
            internal sealed class SlotTaskAttribute : Attribute { public SlotTaskAttribute(string name, char from, char to, int batchSize) { } }
            public interface ISlotTask
            {
                static abstract int Index { get; }
                static abstract byte From { get; }
                static abstract byte To { get; }
                static abstract int BatchSize { get; }
                static abstract string Name { get; }
            }
        }
        """;

    public const string Declaration = """
        namespace Dcnum.Logic
        {
            [SlotStateMachine(States = "0ismlewdn", Loading = 'i')]
            [SlotTask("LoadAll", 'i', 's', 0)]
            [SlotTask("SegmentImages", 's', 'm', 10)]
            [SlotTask("LabelMasks", 'm', 'l', 100)]
            [SlotTask("ProcessLabels", 'l', 'e', 100)]
            [SlotTask("ExtractFeatures", 'e', 'i', 100)]
            public static partial class SlotStateMachine;
        }
        """;

    public sealed record Result(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> Diagnostics);

    public static Result Run(params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Prepend(Support).Select(s => CSharpSyntaxTree.ParseText(s, parse)).ToArray();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Probe", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new SlotStateMachineGenerator().AsSourceGenerator()],
            parseOptions: parse, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new Result(driver.GetRunResult(), output, diagnostics);
    }
}
