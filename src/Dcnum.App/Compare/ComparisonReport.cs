namespace Dcnum.Compare;

/// <summary>The outcome of a comparison: what was compared and every difference found.</summary>
public sealed record ComparisonReport(
    string Reference, string Candidate, long Events, int FeaturesCompared, int AttributesCompared,
    int BasinsCompared, int LogsCompared, IReadOnlyList<Difference> Differences)
{
    public bool Same => Differences.Count == 0;
}
