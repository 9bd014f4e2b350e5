namespace Epy.Stages.Outputs.Hub;

/// <summary>Counts of <paramref name="Targets"/> must stay below the location's population.</summary>
/// <param name="Targets">The targets that are counts (FluSight: wk inc flu hosp).</param>
/// <param name="PopulationFile">The population table, relative to the hub's root (FluSight: auxiliary-data/locations.csv).</param>
/// <param name="Populations">The populations by location code, as read from that table; empty when not read.</param>
public sealed record HubConfigPopulationCheck(IReadOnlyList<string> Targets, string PopulationFile, IReadOnlyDictionary<string, double> Populations);
