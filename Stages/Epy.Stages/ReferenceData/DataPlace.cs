namespace Epy.Stages.ReferenceData;

/// <summary>One place a data file or folder is looked for.</summary>
/// <param name="Path">The file or folder.</param>
/// <param name="Origin">Why it is looked at, for messages: e.g. <c>LOCATION_CODEBOOK</c>, <c>the forecast repository</c>.</param>
public sealed record DataPlace(string Path, string Origin)
{
    /// <summary>The place as a message names it: <c>{path} ({origin})</c>.</summary>
    public override string ToString() => $"{Path} ({Origin})";
}
