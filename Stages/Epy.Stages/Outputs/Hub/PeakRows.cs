namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// A location's season-target rows: <c>peak inc flu hosp</c> quantiles (<see cref="PeakTargets"/>) and the
/// <c>peak week inc flu hosp</c> pmf (<see cref="PeakWeekTargets"/>), with no horizon and no target end
/// date, from the observed weeks of the season before the reference date and the projected trajectories.
/// </summary>
public static class PeakRows
{
    /// <summary>The rows (quantiles by level, then the pmf by week), and warnings (without the location) when weeks or the whole target are left out.</summary>
    /// <param name="location">The hub location code.</param>
    /// <param name="reference">The round's Saturday: observations from it on are not known to the forecast.</param>
    /// <param name="season">The round's levels and weeks (<see cref="PeakSeason.Of"/>); with no weeks, no rows.</param>
    /// <param name="observed">The location's observed weekly admissions, in any order.</param>
    /// <param name="projectionWeeks">The projection's week-ending dates.</param>
    /// <param name="incidence">Per trajectory, the weekly admissions on <paramref name="projectionWeeks"/>.</param>
    public static (IReadOnlyList<HubRow> Rows, IReadOnlyList<string> Warnings) Build(string location, DateOnly reference, PeakSeason season,
        IReadOnlyList<(DateOnly Date, double Value)> observed, IReadOnlyList<DateOnly> projectionWeeks, double[][] incidence)
    {
        ArgumentNullException.ThrowIfNull(season);
        ArgumentNullException.ThrowIfNull(observed);
        if (season.Weeks is not { } weeks)
            return ([], []);
        var known = observed.Where(o => o.Date < reference).ToDictionary(o => o.Date, o => o.Value);
        var incidenceSeason = SeasonIncidence.Of(weeks, known, projectionWeeks, incidence);
        if (incidenceSeason.MissingWeeks.Count == weeks.Count)
            return ([], ["no week of the hub's season is observed or projected, peak rows left out"]);
        var warnings = new List<string>();
        if (incidenceSeason.MissingWeeks.Count > 0)
            warnings.Add($"{incidenceSeason.MissingWeeks.Count} of the season's {weeks.Count} weeks neither observed nor projected "
                + $"({CsvText.Date(incidenceSeason.MissingWeeks[0])} to {CsvText.Date(incidenceSeason.MissingWeeks[^1])}): the peak targets are taken without them");
        var rows = new List<HubRow>();
        if (season.Levels is { } levels)
        {
            var values = PeakTargets.Quantiles(incidenceSeason, levels);
            for (var k = 0; k < levels.Count; k++)
                rows.Add(new HubRow(location, reference, null, null, HubFormat.PeakIncidenceTarget, HubFormat.Quantile, CsvText.Number(levels[k]), values[k]));
        }
        var pmf = PeakWeekTargets.Pmf(incidenceSeason);
        for (var w = 0; w < weeks.Count; w++)
            rows.Add(new HubRow(location, reference, null, null, HubFormat.PeakWeekTarget, HubFormat.Pmf, CsvText.Date(weeks[w]), pmf[w]));
        return (rows, warnings);
    }
}
