using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dcnum.Generators
{
    /// <summary>Where a declaration is, kept as plain values so the model stays equatable (incremental caching).</summary>
    public sealed class LocationInfo : IEquatable<LocationInfo>
    {
        public LocationInfo(string path, TextSpan span, LinePositionSpan lines)
        {
            Path = path;
            Span = span;
            Lines = lines;
        }

        public string Path { get; }
        public TextSpan Span { get; }
        public LinePositionSpan Lines { get; }

        public Location ToLocation() => Location.Create(Path, Span, Lines);

        public static LocationInfo From(SyntaxReference? reference)
        {
            if (reference is null)
                return new LocationInfo("", default, default);
            var location = reference.GetSyntax().GetLocation();
            return new LocationInfo(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span);
        }

        public bool Equals(LocationInfo? other) => other is not null && Path == other.Path && Span == other.Span;
        public override bool Equals(object? obj) => Equals(obj as LocationInfo);
        public override int GetHashCode() => Path.GetHashCode() ^ Span.GetHashCode();
    }

    public sealed class TaskModel : IEquatable<TaskModel>
    {
        public TaskModel(string name, char from, char to, int batchSize, LocationInfo location)
        {
            Name = name;
            From = from;
            To = to;
            BatchSize = batchSize;
            Location = location;
        }

        public string Name { get; }
        public char From { get; }
        public char To { get; }
        /// <summary>Frames per lease; 0 = the whole chunk.</summary>
        public int BatchSize { get; }
        public LocationInfo Location { get; }

        public bool Equals(TaskModel? o) => o is not null && Name == o.Name && From == o.From && To == o.To && BatchSize == o.BatchSize && Location.Equals(o.Location);
        public override bool Equals(object? obj) => Equals(obj as TaskModel);
        public override int GetHashCode() => Name.GetHashCode() ^ (From << 8) ^ (To << 16) ^ BatchSize;
    }

    /// <summary>The declaration: namespace, class, states, the loading state and the tasks in declaration order.</summary>
    public sealed class MachineModel : IEquatable<MachineModel>
    {
        public MachineModel(string ns, string className, string states, char loading, IReadOnlyList<TaskModel> tasks, LocationInfo location)
        {
            Namespace = ns;
            ClassName = className;
            States = states;
            Loading = loading;
            Tasks = tasks;
            Location = location;
        }

        public string Namespace { get; }
        public string ClassName { get; }
        public string States { get; }
        public char Loading { get; }
        public IReadOnlyList<TaskModel> Tasks { get; }
        public LocationInfo Location { get; }
        public string HintPrefix => (Namespace.Length > 0 ? Namespace + "." : "") + ClassName;

        public static MachineModel From(GeneratorAttributeSyntaxContext ctx)
        {
            var symbol = (INamedTypeSymbol)ctx.TargetSymbol;
            string states = "";
            char loading = '\0';
            foreach (var named in ctx.Attributes[0].NamedArguments)
            {
                if (named.Key == "States" && named.Value.Value is string s)
                    states = s;
                else if (named.Key == "Loading" && named.Value.Value is char c)
                    loading = c;
            }
            var tasks = new List<TaskModel>();
            foreach (AttributeData a in symbol.GetAttributes())
            {
                if (a.AttributeClass?.ToDisplayString() != SlotStateMachineGenerator.TaskAttribute || a.ConstructorArguments.Length < 4)
                    continue;
                tasks.Add(new TaskModel(
                    a.ConstructorArguments[0].Value as string ?? "",
                    a.ConstructorArguments[1].Value is char f ? f : '\0',
                    a.ConstructorArguments[2].Value is char t ? t : '\0',
                    a.ConstructorArguments[3].Value is int b ? b : 0,
                    LocationInfo.From(a.ApplicationSyntaxReference)));
            }
            string ns = symbol.ContainingNamespace.IsGlobalNamespace ? "" : symbol.ContainingNamespace.ToDisplayString();
            return new MachineModel(ns, symbol.Name, states, loading, tasks, LocationInfo.From(ctx.Attributes[0].ApplicationSyntaxReference));
        }

        public bool Equals(MachineModel? o)
            => o is not null && Namespace == o.Namespace && ClassName == o.ClassName && States == o.States && Loading == o.Loading
               && Tasks.SequenceEqual(o.Tasks) && Location.Equals(o.Location);

        public override bool Equals(object? obj) => Equals(obj as MachineModel);
        public override int GetHashCode() => ClassName.GetHashCode() ^ States.GetHashCode() ^ Tasks.Count;
    }
}
