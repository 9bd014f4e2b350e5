using Epy.Stages.ReferenceData;
namespace Epy.Stages.Outputs;

/// <summary>What a FluSight hub submission is built from, besides the locations' projections.</summary>
/// <param name="ReferenceDate">The round's Saturday.</param>
/// <param name="IncidenceSeries">
/// The weekly series whose sum is <c>wk inc flu hosp</c>, e.g. <c>Home_sev_to_Hosp_total</c> and
/// <c>Home_sev_vax_to_Hosp_vax_total</c>.
/// </param>
/// <param name="Locations">FluSight's locations table (populations).</param>
/// <param name="Codebook">ISO ↔ hub location codes.</param>
/// <param name="Observed">
/// Observed weekly admissions by ISO location; null to write no rate-change or peak rows.
/// </param>
/// <param name="Peaks">The round's season targets (<see cref="Hub.PeakSeason.Of"/>); null to write no peak rows.</param>
public sealed record HubRequest(
    DateOnly ReferenceDate,
    IReadOnlyList<string> IncidenceSeries,
    FluSightLocations Locations,
    LocationCodebook Codebook,
    ObservedCounts? Observed,
    Hub.PeakSeason? Peaks = null)
{
    /// <summary>The round's targets (<see cref="Hub.RoundTargets.Of"/>); default FluSight's built-in ones, for when no hub config can be read.</summary>
    public Hub.RoundTargets Targets { get; init; } = Hub.RoundTargets.Builtin;

    /// <summary>The experiment's random seed: each location's sample draw is seeded from it and the location's task index.</summary>
    public ulong Seed { get; init; }
}
