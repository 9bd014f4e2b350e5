namespace Epy.Contracts.Builder;

/// <summary>One task listed in the builder's manifest.</summary>
/// <param name="Index">The task index.</param>
/// <param name="Id">A readable id: <c>{index:D5}-{location}</c>, with <c>-row{r}</c> for a sampling row.</param>
/// <param name="Location">The location's ISO code.</param>
/// <param name="SampleRow">The sample row (sampling); null otherwise.</param>
public sealed record ManifestTask(int Index, string Id, string Location, int? SampleRow);
