namespace Epy.Stages.Outputs;

/// <summary>One row of FluSight's locations table (<c>flusight_locations.csv</c>).</summary>
/// <param name="Abbreviation">Postal abbreviation, e.g. <c>MA</c>; <c>US</c> for the nation.</param>
/// <param name="Location">The hub's location code: two-digit FIPS (<c>25</c>, <c>01</c>) or <c>US</c>.</param>
/// <param name="LocationName">The display name.</param>
/// <param name="Population">The population FluSight uses to turn counts into rates per 100,000.</param>
/// <param name="CountRates">
/// The published counts matching rate changes, keyed by the rate per 100,000 (column
/// <c>count_rate1p7</c> is key 1.7): <c>round(population · rate / 100,000)</c>.
/// </param>
public sealed record FluSightLocation(
    string Abbreviation,
    string Location,
    string LocationName,
    double Population,
    IReadOnlyDictionary<double, long> CountRates);
