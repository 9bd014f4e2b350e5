namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// FluSight's reference date: the Saturday ending the week (Sunday to Saturday) a forecast is submitted
/// in; the hub's rounds (tasks.json <c>reference_date</c>) are those Saturdays.
/// </summary>
public static class ReferenceDates
{
    /// <summary>
    /// The round a run forecasts when none is configured: the first Saturday after
    /// <paramref name="lastObservation"/>. Weekly hub data are labelled by the Saturday ending their week
    /// and published the following Wednesday, the submission deadline, so a run whose last observation is
    /// Saturday S submits in the week ending S + 7, and its horizon −1 is the last observed week (the week
    /// the rate-change target's baseline comes from). A last observation on any other day (daily data)
    /// falls in the submission week itself, whose Saturday is the round.
    /// </summary>
    public static DateOnly After(DateOnly lastObservation)
    {
        var days = ((int)DayOfWeek.Saturday - (int)lastObservation.DayOfWeek + 7) % 7;
        return lastObservation.AddDays(days == 0 ? 7 : days);
    }

    /// <summary>
    /// Why <paramref name="configured"/> cannot be a reference date (it is not a Saturday), or null when it can.
    /// The message names the field as the config spells it and the Saturdays around the date.
    /// </summary>
    public static string? Refusal(DateOnly configured)
    {
        if (configured.DayOfWeek == DayOfWeek.Saturday)
            return null;
        var next = After(configured);
        return $"reference_date {CsvText.Date(configured)} is a {configured.DayOfWeek}; FluSight rounds are Saturdays: {CsvText.Date(next.AddDays(-7))} or {CsvText.Date(next)}";
    }

    /// <summary>The round ids of <paramref name="config"/> that are dates (FluSight's: every reference date of tasks.json).</summary>
    public static IReadOnlySet<DateOnly> Rounds(HubConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rounds = new HashSet<DateOnly>();
        foreach (var id in config.RoundIds)
        {
            if (DateOnly.TryParseExact(id, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                rounds.Add(date);
        }
        return rounds;
    }

    /// <summary>
    /// Why <paramref name="configured"/> is not one of the hub's <paramref name="rounds"/> (tasks.json
    /// <c>reference_date</c> values), or null when it is.
    /// </summary>
    public static string? Refusal(DateOnly configured, IReadOnlyCollection<DateOnly> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        if (Refusal(configured) is { } notSaturday)
            return notSaturday;
        if (rounds.Contains(configured))
            return null;
        if (rounds.Count == 0)
            return $"reference_date {CsvText.Date(configured)}: the hub's tasks.json lists no rounds";
        var nearest = rounds.MinBy(r => Math.Abs(r.DayNumber - configured.DayNumber));
        return $"reference_date {CsvText.Date(configured)} is not a round of the hub's tasks.json (rounds run {CsvText.Date(rounds.Min())} to {CsvText.Date(rounds.Max())}; nearest {CsvText.Date(nearest)})";
    }
}
