namespace Dcnum.Job;

/// <summary>
/// The stages of a run in order, each with dcnum's name and its share of the overall progress:
/// background 4, segmentation and feature extraction 27, plumbing 15 when draining (copying
/// images) or 1 when tapping, cleanup 1. dcnum counterpart: <c>DCNumJobRunner.get_status</c>'s weights.
/// </summary>
public sealed class ProgressStage
{
    public static readonly ProgressStage Background = new("background", 4, 4);
    public static readonly ProgressStage Segmentation = new("segmentation", 27, 27);
    public static readonly ProgressStage Plumbing = new("plumbing", 15, 1);
    public static readonly ProgressStage Cleanup = new("cleanup", 1, 1);
    public static readonly ProgressStage Done = new("done", 0, 0);

    private static readonly ProgressStage[] s_order = [Background, Segmentation, Plumbing, Cleanup, Done];

    private readonly double _drainWeight;
    private readonly double _tapWeight;

    private ProgressStage(string name, double drainWeight, double tapWeight)
    {
        Name = name;
        _drainWeight = drainWeight;
        _tapWeight = tapWeight;
    }

    /// <summary>dcnum's state name (<c>--progress json</c>'s "state").</summary>
    public string Name { get; }

    public double Weight(bool drain) => drain ? _drainWeight : _tapWeight;

    /// <summary>Overall progress 0…1 when <paramref name="fraction"/> of this stage is done.</summary>
    public double Progress(double fraction, bool drain)
    {
        double before = 0, total = 0;
        foreach (ProgressStage stage in s_order)
        {
            if (ReferenceEquals(stage, this))
                before = total;
            total += stage.Weight(drain);
        }
        return Math.Min(1, (before + Weight(drain) * fraction) / total);
    }

    public override string ToString() => Name;
}
