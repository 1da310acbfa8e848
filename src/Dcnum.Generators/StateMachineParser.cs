using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Dcnum.Generators;

/// <summary>
/// Reads <c>[SlotStateMachine]</c> and its <c>[SlotTask]</c>s from the symbols into a
/// <see cref="MachineModel"/>; no symbol, syntax node or compilation leaves this class.
/// </summary>
public static class StateMachineParser
{
    public const string MachineAttribute = "Dcnum.Logic.SlotStateMachineAttribute";
    public const string TaskAttribute = "Dcnum.Logic.SlotTaskAttribute";

    public static MachineModel Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancel)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        string states = "";
        char loading = '\0';
        foreach (KeyValuePair<string, TypedConstant> named in context.Attributes[0].NamedArguments)
        {
            if (named.Key == "States" && named.Value.Value is string s)
                states = s;
            else if (named.Key == "Loading" && named.Value.Value is char c)
                loading = c;
        }
        var tasks = new List<TaskModel>();
        foreach (AttributeData a in symbol.GetAttributes())
        {
            cancel.ThrowIfCancellationRequested();
            if (a.AttributeClass?.ToDisplayString() != TaskAttribute || a.ConstructorArguments.Length < 4)
                continue;
            tasks.Add(new TaskModel(
                a.ConstructorArguments[0].Value as string ?? "",
                a.ConstructorArguments[1].Value is char f ? f : '\0',
                a.ConstructorArguments[2].Value is char t ? t : '\0',
                a.ConstructorArguments[3].Value is int b ? b : 0,
                LocationInfo.From(a.ApplicationSyntaxReference)));
        }
        string ns = symbol.ContainingNamespace.IsGlobalNamespace ? "" : symbol.ContainingNamespace.ToDisplayString();
        return new MachineModel(ns, symbol.Name, states, loading, new EquatableArray<TaskModel>([.. tasks]),
            LocationInfo.From(context.Attributes[0].ApplicationSyntaxReference));
    }
}
