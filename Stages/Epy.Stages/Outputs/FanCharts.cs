using Epy.Contracts.Outputs;

namespace Epy.Stages.Outputs;

/// <summary>
/// Builds one location's <see cref="FanChartData"/>: per projected week, the median of the
/// trajectories' weekly incidence and its central 50% and 90% intervals (quantiles 0.25–0.75 and
/// 0.05–0.95, numpy's linear method), beside the observed weekly series.
/// </summary>
public static class FanCharts
{
    private static readonly double[] Levels = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>Summarises <paramref name="trajectories"/> (one weekly series each, on <paramref name="weeks"/>) week by week.</summary>
    /// <param name="location">The location as an ISO 3166-2 code, e.g. <c>US-MA</c>.</param>
    /// <param name="title">The chart's title, e.g. <c>Massachusetts (US-MA)</c>.</param>
    /// <param name="valueLabel">What the values count, e.g. <c>weekly hospital admissions</c>.</param>
    /// <param name="weeks">The projected weeks (week-ending dates), in order.</param>
    /// <param name="trajectories">One value per week each.</param>
    /// <param name="observed">The observed values, in any order; the chart holds them in date order.</param>
    /// <exception cref="ArgumentException">There is no trajectory, or one does not have one value per week.</exception>
    public static FanChartData Build(string location, string title, string valueLabel, IReadOnlyList<DateOnly> weeks, IReadOnlyList<double[]> trajectories,
        IEnumerable<ObservedPoint> observed)
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
        return new FanChartData(location, title, valueLabel, [.. weeks], bands[2], bands[1], bands[3], bands[0], bands[4], [.. observed.OrderBy(p => p.Date)]);
    }
}
