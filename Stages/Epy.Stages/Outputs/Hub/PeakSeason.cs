using System.Globalization;

namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// What a round's tasks.json says about the season targets: the <c>peak inc flu hosp</c> quantile levels
/// and the season's Saturdays (the <c>peak week inc flu hosp</c> pmf categories, which both targets are
/// taken over). Nothing here is hard-coded: a round without one of those model tasks gets no rows for it.
/// </summary>
/// <param name="Levels">The peak's quantile levels (required then optional ids); null: the round has no such target.</param>
/// <param name="Weeks">The season's Saturdays, increasing; null: no usable peak-week categories (both targets are then left out).</param>
/// <param name="Warnings">Why a target is left out, one line each.</param>
public sealed record PeakSeason(IReadOnlyList<double>? Levels, IReadOnlyList<DateOnly>? Weeks, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Reads the round of <paramref name="reference"/>. tasks.json lists one season's Saturdays for every
    /// round id of its round entry (FluSight's 2025-26 weeks for its 2023 to 2026 reference dates), so a
    /// reference date whose forecast weeks (horizons −1 to 3) do not reach into those Saturdays is outside
    /// the season: its peak rows are left out rather than made up from weeks nobody forecast.
    /// </summary>
    public static PeakSeason Of(HubConfig config, DateOnly reference)
    {
        ArgumentNullException.ThrowIfNull(config);
        var warnings = new List<string>();
        var roundId = CsvText.Date(reference);
        if (config.RoundOf(roundId) is not { } round)
            return new PeakSeason(null, null, [$"peak targets: {roundId} is not a round of the hub config, left out"]);
        var levels = Ids(round, HubFormat.PeakIncidenceTarget, HubFormat.Quantile)?
            .Select(id => double.Parse(id, NumberStyles.Float, CultureInfo.InvariantCulture)).Order().ToArray();
        if (levels is null)
            warnings.Add($"peak targets: the round of {roundId} has no '{HubFormat.PeakIncidenceTarget}' quantile task, left out");
        var ids = Ids(round, HubFormat.PeakWeekTarget, HubFormat.Pmf);
        if (ids is null)
        {
            warnings.Add($"peak targets: the round of {roundId} has no '{HubFormat.PeakWeekTarget}' pmf task, whose categories are the season's weeks: both left out");
            return new PeakSeason(null, null, warnings);
        }
        var weeks = new List<DateOnly>();
        foreach (var id in ids)
        {
            if (!DateOnly.TryParseExact(id, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var week))
                return new PeakSeason(null, null, [.. warnings, $"peak targets: '{HubFormat.PeakWeekTarget}' category '{id}' is not a date, left out"]);
            weeks.Add(week);
        }
        weeks = [.. weeks.Distinct().Order()];
        var first = reference.AddDays(7 * HubFormat.FirstIncidenceHorizon);
        var last = reference.AddDays(7 * HubFormat.LastHorizon);
        if (weeks.Count == 0 || weeks[0] > last || weeks[^1] < first)
        {
            var span = weeks.Count == 0 ? "no weeks" : $"{CsvText.Date(weeks[0])} to {CsvText.Date(weeks[^1])}";
            return new PeakSeason(null, null, [.. warnings, $"peak targets: the hub's season ({span}) does not contain the weeks forecast for {roundId}, left out"]);
        }
        return new PeakSeason(levels, weeks, warnings);
    }

    // The output_type_ids of the first model task of the round for target, output type.
    private static IReadOnlyList<string>? Ids(HubRound round, string target, string outputType)
    {
        foreach (var task in round.ModelTasks)
        {
            if (task.TaskId("target") is { } t && t.Values.Contains(target, StringComparer.Ordinal) && task.OutputType(outputType) is { } type && type.Sample is null)
                return [.. type.RequiredIds, .. type.OptionalIds];
        }
        return null;
    }
}
