namespace Dcnum.Compare;

/// <summary>One way in which two .rtdc files differ.</summary>
/// <param name="Kind">layout, events, feature, attribute, attribute-type, dataset-attribute, basin, log, table</param>
/// <param name="Item">what differs (feature name, attribute name, …)</param>
/// <param name="Message">one line for the user</param>
public sealed record Difference(string Kind, string Item, string Message)
{
    public override string ToString() => $"{Kind} {Item}: {Message}";
}
