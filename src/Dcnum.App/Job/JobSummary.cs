namespace Dcnum.Job;

/// <summary>The outcome of a run, for the summary line.</summary>
public sealed record JobSummary(string PathOut, long Frames, long Events, long MasksDropped, TimeSpan Elapsed);
