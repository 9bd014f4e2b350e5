namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// Each trajectory's weekly admissions over a season's weeks, observed weeks included: the series the
/// season targets (<c>peak inc flu hosp</c>, <c>peak week inc flu hosp</c>) are read from. The hub
/// scores them against the season's reported counts, so a week already observed counts with its
/// observed value, the same in every trajectory, and only the weeks not yet observed come from the
/// projection.
/// </summary>
/// <param name="Weeks">The season's Saturdays, in increasing order (the peak-week pmf's categories).</param>
/// <param name="Values">One array per trajectory, one value per week of <see cref="Weeks"/>; NaN where neither an observation nor the projection covers the week.</param>
/// <param name="MissingWeeks">The weeks neither observed nor projected (the peaks are taken without them).</param>
public sealed record SeasonIncidence(IReadOnlyList<DateOnly> Weeks, double[][] Values, IReadOnlyList<DateOnly> MissingWeeks)
{
    /// <summary>
    /// Puts a location's observations and projected trajectories on the season's weeks: a week with an
    /// observation takes it (the projection of a fitted week is not what the hub scores), any other
    /// week takes the trajectory's value.
    /// </summary>
    /// <param name="seasonWeeks">The season's Saturdays (tasks.json: the <c>peak week inc flu hosp</c> pmf ids).</param>
    /// <param name="observed">
    /// The location's observed weekly admissions by week-ending Saturday, only those the forecast may know
    /// (on or before the last observation date of the run).
    /// </param>
    /// <param name="projectionWeeks">The projection's week-ending dates.</param>
    /// <param name="incidence">Per trajectory, the weekly admissions on <paramref name="projectionWeeks"/> (<see cref="WeeklyIncidence.Of"/>).</param>
    /// <exception cref="ArgumentException">The season has no week, its weeks are not increasing, or a trajectory's length differs from the projection's weeks.</exception>
    public static SeasonIncidence Of(IReadOnlyList<DateOnly> seasonWeeks, IReadOnlyDictionary<DateOnly, double> observed, IReadOnlyList<DateOnly> projectionWeeks, double[][] incidence)
    {
        ArgumentNullException.ThrowIfNull(seasonWeeks);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(projectionWeeks);
        ArgumentNullException.ThrowIfNull(incidence);
        if (seasonWeeks.Count == 0)
            throw new ArgumentException("a season has at least one week", nameof(seasonWeeks));
        for (var w = 1; w < seasonWeeks.Count; w++)
        {
            if (seasonWeeks[w] <= seasonWeeks[w - 1])
                throw new ArgumentException($"season weeks must increase: {CsvText.Date(seasonWeeks[w])} follows {CsvText.Date(seasonWeeks[w - 1])}", nameof(seasonWeeks));
        }
        if (incidence.FirstOrDefault(t => t.Length != projectionWeeks.Count) is { } bad)
            throw new ArgumentException($"a trajectory has {bad.Length} weeks, the projection {projectionWeeks.Count}", nameof(incidence));

        var index = new Dictionary<DateOnly, int>();
        for (var w = 0; w < projectionWeeks.Count; w++)
            index.TryAdd(projectionWeeks[w], w);
        var missing = seasonWeeks.Where(d => !observed.ContainsKey(d) && !index.ContainsKey(d)).ToArray();
        var values = new double[incidence.Length][];
        for (var t = 0; t < incidence.Length; t++)
        {
            var row = new double[seasonWeeks.Count];
            for (var w = 0; w < row.Length; w++)
            {
                var week = seasonWeeks[w];
                row[w] = observed.TryGetValue(week, out var seen) ? seen
                    : index.TryGetValue(week, out var p) ? incidence[t][p]
                    : double.NaN;
            }
            values[t] = row;
        }
        return new SeasonIncidence(seasonWeeks, values, missing);
    }
}
