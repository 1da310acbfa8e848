using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dcnum.Generators
{
    /// <summary>
    /// Reads the slot state machine declared once on a partial class
    /// (<c>[SlotStateMachine(States = "0ismledwn", Loading = 'i')]</c> and one
    /// <c>[SlotTask(nameof, From, To, BatchSize)]</c> per task) and emits, at compile time:
    /// the transition table as constant data, and one task type per transition whose states and
    /// batch size are constants (the hand-written <c>StateWarden&lt;TTask&gt;</c> is specialised
    /// per task through them). Broken declarations are reported as DCN001–DCN004.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class SlotStateMachineGenerator : IIncrementalGenerator
    {
        public const string MachineAttribute = "Dcnum.Logic.SlotStateMachineAttribute";
        public const string TaskAttribute = "Dcnum.Logic.SlotTaskAttribute";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<MachineModel> machines = context.SyntaxProvider
                .ForAttributeWithMetadataName(MachineAttribute, static (node, _) => true, static (ctx, _) => MachineModel.From(ctx))
                .WithTrackingName("SlotStateMachine");
            context.RegisterSourceOutput(machines, static (spc, model) => Emit(spc, model));
        }

        private static void Emit(SourceProductionContext context, MachineModel model)
        {
            List<Problem> problems = Validation.Check(model);
            foreach (Problem p in problems)
                context.ReportDiagnostic(Diagnostic.Create(p.Descriptor, p.Location.ToLocation(), p.Arguments));
            if (problems.Count > 0)
                return;
            context.AddSource(model.HintPrefix + ".Transitions.g.cs", SourceText.From(Emitter.Transitions(model), Encoding.UTF8));
            context.AddSource(model.HintPrefix + ".Tasks.g.cs", SourceText.From(Emitter.Tasks(model), Encoding.UTF8));
        }
    }
}
