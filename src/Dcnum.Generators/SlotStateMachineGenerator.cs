using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Dcnum.Generators;

/// <summary>
/// Reads the slot state machine declared once on a partial class
/// (<c>[SlotStateMachine(States = "0ismlewdn", Loading = 'i')]</c> and one
/// <c>[SlotTask(name, From, To, BatchSize)]</c> per task) and emits, at compile time, the loading
/// state and task count as constants and one task type per transition whose states and batch size
/// are constants (the hand-written <c>StateWarden&lt;TTask&gt;</c> is specialised per task through
/// them). Broken declarations are reported as the diagnostics of <see cref="DiagnosticDescriptors"/>.
/// Pipeline: parse (<see cref="StateMachineParser"/>) → validate (<see cref="Validation"/>) → emit
/// (<see cref="Emitter"/>), each step over equatable plain values.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SlotStateMachineGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<MachineModel> machines = context.SyntaxProvider
            .ForAttributeWithMetadataName(StateMachineParser.MachineAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, cancel) => StateMachineParser.Parse(ctx, cancel))
            .WithTrackingName(TrackingNames.Parse);
        IncrementalValuesProvider<CheckedMachine> checkedMachines = machines
            .Select(static (model, _) => new CheckedMachine(model, Validation.Check(model)))
            .WithTrackingName(TrackingNames.Validate);
        context.RegisterSourceOutput(checkedMachines, static (spc, machine) => Emit(spc, machine));
    }

    private static void Emit(SourceProductionContext context, CheckedMachine machine)
    {
        foreach (Problem p in machine.Problems)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById(p.Id), p.Location.ToLocation(), [.. p.Arguments]));
        if (machine.Problems.Count > 0)
            return;
        MachineModel model = machine.Machine;
        context.AddSource(model.HintPrefix + ".States.g.cs", SourceText.From(Emitter.States(model), Encoding.UTF8));
        context.AddSource(model.HintPrefix + ".Tasks.g.cs", SourceText.From(Emitter.Tasks(model), Encoding.UTF8));
    }
}
