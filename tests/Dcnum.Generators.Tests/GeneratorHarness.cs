using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dcnum.Generators.Tests;

/// <summary>Compiles sources with the generator, as the app's build does.</summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions s_parse = new(LanguageVersion.Preview);

    /// <summary>The app's attributes and task interface (src/Dcnum.App/Logic/SlotStateMachineAttributes.cs), with the app's implicit usings.</summary>
    public static string Support { get; } = "global using System;\n" + ReadDeclaration("SlotStateMachineAttributes.cs");

    /// <summary>The app's declaration of the state machine (src/Dcnum.App/Logic/SlotStateMachine.cs).</summary>
    public static string Declaration { get; } = ReadDeclaration("SlotStateMachine.cs");

    public sealed record Result(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> Diagnostics);

    public static CSharpCompilation Compilation(params string[] sources)
    {
        var trees = sources.Prepend(Support).Select(s => CSharpSyntaxTree.ParseText(s, s_parse)).ToArray();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        return CSharpCompilation.Create("Probe", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>A driver that records every tracked step of the pipeline.</summary>
    public static GeneratorDriver Driver()
        => CSharpGeneratorDriver.Create([new SlotStateMachineGenerator().AsSourceGenerator()], parseOptions: s_parse,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static SyntaxTree Parse(string source) => CSharpSyntaxTree.ParseText(source, s_parse);

    public static Result Run(params string[] sources)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new Result(driver.GetRunResult(), output, diagnostics);
    }

    private static string ReadDeclaration(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Declaration", name));
}
