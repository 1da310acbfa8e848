namespace Dcnum.Generators;

/// <summary>The names of the generator's pipeline steps, for the incrementality test (<c>WithTrackingName</c>).</summary>
public static class TrackingNames
{
    /// <summary>The declaration read into a <see cref="MachineModel"/>.</summary>
    public const string Parse = nameof(Parse);

    /// <summary>The model checked: the problems to report, none when the declaration is sound.</summary>
    public const string Validate = nameof(Validate);
}
