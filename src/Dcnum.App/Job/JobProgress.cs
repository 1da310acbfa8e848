namespace Dcnum.Job;

/// <summary>Where a run is: its stage, overall progress 0…1 (dcnum's stage weights), and the frame rate.</summary>
public readonly record struct JobProgress(ProgressStage Stage, double Progress, double FramesPerSecond, TimeSpan? Remaining)
{
    /// <summary>dcnum's state name.</summary>
    public string State => Stage.Name;
}
