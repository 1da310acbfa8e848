using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dcnum.Generators;

/// <summary>Checks a declaration; a pure function of the model.</summary>
public static class Validation
{
    public static EquatableArray<Problem> Check(MachineModel m)
    {
        var problems = new List<Problem>();
        foreach (TaskModel t in m.Tasks)
        {
            foreach (char s in new[] { t.From, t.To })
            {
                if (m.States.IndexOf(s) < 0)
                    problems.Add(Problem(DiagnosticDescriptors.UnknownState, t.Location, t.Name, s.ToString(), m.States));
            }
        }
        if (m.States.IndexOf(m.Loading) < 0)
            problems.Add(Problem(DiagnosticDescriptors.UnknownState, m.Location, "(loading)", m.Loading.ToString(), m.States));
        if (problems.Count > 0)
            return new EquatableArray<Problem>([.. problems]);

        for (int i = 0; i < m.Tasks.Count; i++)
        {
            for (int j = i + 1; j < m.Tasks.Count; j++)
            {
                if (m.Tasks[i].From == m.Tasks[j].From && m.Tasks[i].To == m.Tasks[j].To)
                    problems.Add(Problem(DiagnosticDescriptors.DuplicateEdge, m.Tasks[j].Location, m.Tasks[i].Name, m.Tasks[j].Name, m.Tasks[i].From.ToString(), m.Tasks[i].To.ToString()));
            }
        }
        foreach (char reached in m.Tasks.Select(t => t.To).Distinct())
        {
            if (!m.Tasks.Any(t => t.From == reached))
                problems.Add(Problem(DiagnosticDescriptors.DeadEnd, m.Location, reached.ToString()));
        }
        if (problems.Count > 0)
            return new EquatableArray<Problem>([.. problems]);

        // Follow the (first) task out of each state from loading; it must come back.
        var path = new List<char> { m.Loading };
        char state = m.Loading;
        while (true)
        {
            TaskModel? next = m.Tasks.FirstOrDefault(t => t.From == state);
            if (next is null)
            {
                problems.Add(Problem(DiagnosticDescriptors.NoReturnToLoading, m.Location, m.Loading.ToString(), string.Join(" → ", path) + " → (no task)"));
                break;
            }
            state = next.To;
            path.Add(state);
            if (state == m.Loading)
                break;
            if (path.Count(c => c == state) > 1)
            {
                problems.Add(Problem(DiagnosticDescriptors.NoReturnToLoading, m.Location, m.Loading.ToString(), string.Join(" → ", path)));
                break;
            }
        }
        return new EquatableArray<Problem>([.. problems]);
    }

    private static Problem Problem(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments)
        => new(descriptor.Id, location, new EquatableArray<string>(arguments));
}
