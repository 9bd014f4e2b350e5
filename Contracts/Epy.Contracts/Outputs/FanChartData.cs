namespace Epy.Contracts.Outputs;

/// <summary>
/// One location's fan chart: per projected week the median of the trajectories and their central 50%
/// (quantiles 0.25–0.75) and 90% (0.05–0.95) intervals, beside the observed weekly values. The five
/// band lists have one value per entry of <see cref="Weeks"/>.
/// </summary>
/// <param name="Location">The location, an ISO 3166-2 code such as <c>US-MA</c>.</param>
/// <param name="Title">A title such as <c>Massachusetts (US-MA)</c>.</param>
/// <param name="ValueLabel">What the values count, such as <c>weekly hospitalizations</c>.</param>
/// <param name="Weeks">The projected weeks (week-ending dates), in order.</param>
/// <param name="Median">The 0.5 quantile per week.</param>
/// <param name="Lower50">The 0.25 quantile per week.</param>
/// <param name="Upper50">The 0.75 quantile per week.</param>
/// <param name="Lower90">The 0.05 quantile per week.</param>
/// <param name="Upper90">The 0.95 quantile per week.</param>
/// <param name="Observed">The observed values by week-ending date, in date order; may be empty.</param>
/// <param name="ReferenceDate">The forecast's reference date (the hub round), drawn as a line; null when none.</param>
/// <param name="FittedThrough">The last day the calibration fitted (its fitting window's end): weeks up to it were fitted, later ones forecast; null when unknown.</param>
public sealed record FanChartData(
    string Location,
    string Title,
    string ValueLabel,
    IReadOnlyList<DateOnly> Weeks,
    IReadOnlyList<double> Median,
    IReadOnlyList<double> Lower50,
    IReadOnlyList<double> Upper50,
    IReadOnlyList<double> Lower90,
    IReadOnlyList<double> Upper90,
    IReadOnlyList<ObservedPoint> Observed,
    DateOnly? ReferenceDate = null,
    DateOnly? FittedThrough = null);
