namespace Epy.Stages.Outputs;

/// <summary>
/// What one location's fan chart shows: per projected week, the median of the trajectories' weekly
/// incidence and its central 50% and 90% intervals (quantiles 0.25–0.75 and 0.05–0.95, numpy's
/// linear method), beside the observed weekly series.
/// </summary>
/// <param name="Location">The location as an ISO 3166-2 code, e.g. <c>US-MA</c>.</param>
/// <param name="Title">The chart's title, e.g. <c>Massachusetts (US-MA)</c>.</param>
/// <param name="ValueLabel">What the values count, e.g. <c>weekly hospital admissions</c>.</param>
/// <param name="Weeks">The projected weeks (week-ending dates), in order.</param>
/// <param name="Median">The median per week.</param>
/// <param name="Lower50">The 0.25 quantile per week.</param>
/// <param name="Upper50">The 0.75 quantile per week.</param>
/// <param name="Lower90">The 0.05 quantile per week.</param>
/// <param name="Upper90">The 0.95 quantile per week.</param>
/// <param name="Observed">The observed values by week-ending date, in date order; may be empty.</param>
public sealed record FanChart(
    string Location,
    string Title,
    string ValueLabel,
    IReadOnlyList<DateOnly> Weeks,
    IReadOnlyList<double> Median,
    IReadOnlyList<double> Lower50,
    IReadOnlyList<double> Upper50,
    IReadOnlyList<double> Lower90,
    IReadOnlyList<double> Upper90,
    IReadOnlyList<KeyValuePair<DateOnly, double>> Observed)
{
    private static readonly double[] Levels = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>Summarises <paramref name="trajectories"/> (one weekly series each, on <paramref name="weeks"/>) week by week.</summary>
    /// <exception cref="ArgumentException">There is no trajectory, or one does not have one value per week.</exception>
    public static FanChart Build(string location, string title, string valueLabel, IReadOnlyList<DateOnly> weeks, IReadOnlyList<double[]> trajectories,
        IEnumerable<KeyValuePair<DateOnly, double>> observed)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(trajectories);
        ArgumentNullException.ThrowIfNull(observed);
        if (trajectories.Count == 0)
            throw new ArgumentException($"{location}: a fan chart needs at least one trajectory", nameof(trajectories));
        if (trajectories.Any(t => t.Length != weeks.Count))
            throw new ArgumentException($"{location}: every trajectory needs one value per week ({weeks.Count})", nameof(trajectories));

        var bands = new double[Levels.Length][];
        for (var k = 0; k < bands.Length; k++)
            bands[k] = new double[weeks.Count];
        var column = new double[trajectories.Count];
        for (var w = 0; w < weeks.Count; w++)
        {
            for (var t = 0; t < column.Length; t++)
                column[t] = trajectories[t][w];
            var quantiles = Quantiles.Of(column, Levels);
            for (var k = 0; k < bands.Length; k++)
                bands[k][w] = quantiles[k];
        }
        return new FanChart(location, title, valueLabel, [.. weeks], bands[2], bands[1], bands[3], bands[0], bands[4], [.. observed.OrderBy(p => p.Key)]);
    }
}
