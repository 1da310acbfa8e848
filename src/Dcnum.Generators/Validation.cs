using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dcnum.Generators
{
    public sealed class Problem
    {
        public Problem(DiagnosticDescriptor descriptor, LocationInfo location, params object[] arguments)
        {
            Descriptor = descriptor;
            Location = location;
            Arguments = arguments;
        }

        public DiagnosticDescriptor Descriptor { get; }
        public LocationInfo Location { get; }
        public object[] Arguments { get; }
    }

    /// <summary>Diagnostic IDs of the slot state machine; each listed in AnalyzerReleases.Unshipped.md.</summary>
    public static class Diagnostics
    {
        private const string Category = "Dcnum.SlotStateMachine";

        public static readonly DiagnosticDescriptor UnknownState = new(
            "DCN001", "Unknown slot state", "Task '{0}' uses state '{1}', which is not one of the declared states \"{2}\"",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor DuplicateEdge = new(
            "DCN002", "Two tasks on one transition", "Tasks '{0}' and '{1}' both move slots from '{2}' to '{3}'",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor DeadEnd = new(
            "DCN003", "A state no task leaves", "Tasks move slots into state '{0}', but no task leaves it: slots would stay there forever",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NoReturnToLoading = new(
            "DCN004", "The cycle does not return to loading", "Starting at the loading state '{0}', the tasks never lead back to it ({1}): slots could not be reused",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    }

    /// <summary>Checks a declaration; a pure function of the model.</summary>
    public static class Validation
    {
        public static List<Problem> Check(MachineModel m)
        {
            var problems = new List<Problem>();
            foreach (TaskModel t in m.Tasks)
            {
                foreach (char s in new[] { t.From, t.To })
                {
                    if (m.States.IndexOf(s) < 0)
                        problems.Add(new Problem(Diagnostics.UnknownState, t.Location, t.Name, s.ToString(), m.States));
                }
            }
            if (m.States.IndexOf(m.Loading) < 0)
                problems.Add(new Problem(Diagnostics.UnknownState, m.Location, "(loading)", m.Loading.ToString(), m.States));
            if (problems.Count > 0)
                return problems;

            for (int i = 0; i < m.Tasks.Count; i++)
            {
                for (int j = i + 1; j < m.Tasks.Count; j++)
                {
                    if (m.Tasks[i].From == m.Tasks[j].From && m.Tasks[i].To == m.Tasks[j].To)
                        problems.Add(new Problem(Diagnostics.DuplicateEdge, m.Tasks[j].Location, m.Tasks[i].Name, m.Tasks[j].Name, m.Tasks[i].From.ToString(), m.Tasks[i].To.ToString()));
                }
            }
            foreach (char reached in m.Tasks.Select(t => t.To).Distinct())
            {
                if (!m.Tasks.Any(t => t.From == reached))
                    problems.Add(new Problem(Diagnostics.DeadEnd, m.Location, reached.ToString()));
            }
            if (problems.Count > 0)
                return problems;

            // Follow the (first) task out of each state from loading; it must come back.
            var path = new List<char> { m.Loading };
            char state = m.Loading;
            while (true)
            {
                TaskModel? next = m.Tasks.FirstOrDefault(t => t.From == state);
                if (next is null)
                {
                    problems.Add(new Problem(Diagnostics.NoReturnToLoading, m.Location, m.Loading.ToString(), string.Join(" → ", path) + " → (no task)"));
                    break;
                }
                state = next.To;
                path.Add(state);
                if (state == m.Loading)
                    break;
                if (path.Count(c => c == state) > 1)
                {
                    problems.Add(new Problem(Diagnostics.NoReturnToLoading, m.Location, m.Loading.ToString(), string.Join(" → ", path)));
                    break;
                }
            }
            return problems;
        }
    }
}
