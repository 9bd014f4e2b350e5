using Epy.Stages.ReferenceData;
using System.Globalization;

namespace Epy.Stages.Outputs;

/// <summary>
/// Checks a FluSight hub CSV the way the hub's validations would reject it: exactly the eight
/// columns, known targets and output types, horizons in range, target end dates that follow from
/// the reference date, the 23 quantile levels once each per location/horizon with non-decreasing
/// non-negative values, and the five pmf categories once each, summing to 1 (within 1e-9). The season
/// targets (<c>peak inc flu hosp</c> quantiles, <c>peak week inc flu hosp</c> pmf over Saturdays) have
/// empty horizon and target_end_date cells.
/// </summary>
public static class HubFormatCheck
{
    private const double PmfTolerance = 1e-9;

    /// <summary>The problems found, one line each; empty when the file is valid.</summary>
    public static IReadOnlyList<string> Validate(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new List<string>();
        CsvTable table;
        try
        {
            table = CsvTable.Parse(csv);
        }
        catch (FormatException e)
        {
            return [$"not a CSV: {e.Message}"];
        }
        var expected = HubFormat.Columns;
        if (table.Header.Count != expected.Count || expected.Any(c => table.IndexOf(c) < 0))
        {
            errors.Add($"columns must be {string.Join(", ", expected)}; found {string.Join(", ", table.Header)}");
            return errors;
        }
        var column = expected.ToDictionary(c => c, table.Column, StringComparer.Ordinal);
        var groups = new Dictionary<(string Location, string Reference, int Horizon, string Target), List<(string Id, double Value)>>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            var line = r + 2;
            var target = row[column["target"]];
            var type = row[column["output_type"]];
            var season = target is HubFormat.PeakIncidenceTarget or HubFormat.PeakWeekTarget;
            if (!DateOnly.TryParseExact(row[column["reference_date"]], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reference)
                || !double.TryParse(row[column["value"]], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add($"line {line}: malformed date, horizon or value");
                continue;
            }
            var horizon = 0;
            if (season)
            {
                if (row[column["horizon"]].Length > 0 || row[column["target_end_date"]].Length > 0)
                    errors.Add($"line {line}: '{target}' is a season target: horizon and target_end_date stay empty");
            }
            else if (!DateOnly.TryParseExact(row[column["target_end_date"]], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || !int.TryParse(row[column["horizon"]], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out horizon))
            {
                errors.Add($"line {line}: malformed date, horizon or value");
                continue;
            }
            else
            {
                var (expectedType, firstHorizon) = target switch
                {
                    HubFormat.IncidenceTarget => (HubFormat.Quantile, HubFormat.FirstIncidenceHorizon),
                    HubFormat.RateChangeTarget => (HubFormat.Pmf, RateChangeRules.FirstHorizon),
                    _ => ((string?)null, 0),
                };
                if (expectedType is null)
                {
                    errors.Add($"line {line}: unknown target '{target}'");
                    continue;
                }
                if (horizon < firstHorizon || horizon > HubFormat.LastHorizon)
                    errors.Add($"line {line}: horizon {horizon} outside {firstHorizon}..{HubFormat.LastHorizon} for '{target}'");
                if (end != reference.AddDays(7 * horizon))
                    errors.Add($"line {line}: target_end_date {row[column["target_end_date"]]} is not reference_date + 7·horizon");
            }
            var wanted = target is HubFormat.IncidenceTarget or HubFormat.PeakIncidenceTarget ? HubFormat.Quantile : HubFormat.Pmf;
            if (type != wanted)
                errors.Add($"line {line}: target '{target}' takes output_type '{wanted}', not '{type}'");
            if (reference.DayOfWeek != DayOfWeek.Saturday)
                errors.Add($"line {line}: reference_date {row[column["reference_date"]]} is not a Saturday");
            if (!double.IsFinite(value) || value < 0)
                errors.Add($"line {line}: value {row[column["value"]]} is not a non-negative number");
            var key = (row[column["location"]], row[column["reference_date"]], horizon, target);
            if (!groups.TryGetValue(key, out var members))
                groups[key] = members = [];
            members.Add((row[column["output_type_id"]], value));
        }
        foreach (var ((location, reference, horizon, target), members) in groups)
        {
            var where = $"location {location}, reference_date {reference}, horizon {horizon}, '{target}'";
            var season = target is HubFormat.PeakIncidenceTarget or HubFormat.PeakWeekTarget;
            if (season)
                where = $"location {location}, reference_date {reference}, '{target}'";
            if (target is HubFormat.IncidenceTarget or HubFormat.PeakIncidenceTarget)
                CheckQuantiles(errors, where, members);
            else if (target == HubFormat.PeakWeekTarget)
                CheckPeakWeeks(errors, where, members);
            else
                CheckPmf(errors, where, members);
        }
        return errors;
    }

    private static void CheckQuantiles(List<string> errors, string where, List<(string Id, double Value)> members)
    {
        var byLevel = new SortedDictionary<double, double>();
        foreach (var (id, value) in members)
        {
            if (!double.TryParse(id, NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || !Quantiles.FluSightLevels.Contains(level))
                errors.Add($"{where}: '{id}' is not one of the 23 FluSight quantile levels");
            else if (!byLevel.TryAdd(level, value))
                errors.Add($"{where}: quantile level {id} repeats");
        }
        if (byLevel.Count != Quantiles.FluSightLevels.Count)
            errors.Add($"{where}: {byLevel.Count} of the 23 quantile levels");
        var previous = double.NegativeInfinity;
        foreach (var (level, value) in byLevel)
        {
            if (value < previous)
                errors.Add($"{where}: quantile {CsvText.Number(level)} = {CsvText.Number(value)} is below the previous level's {CsvText.Number(previous)}");
            previous = Math.Max(previous, value);
        }
    }

    // The peak week's categories are the season's Saturdays, which only the hub's tasks.json lists
    // (SubmissionValidator checks them against it): here, Saturdays once each, summing to 1.
    private static void CheckPeakWeeks(List<string> errors, string where, List<(string Id, double Value)> members)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, _) in members)
        {
            if (!DateOnly.TryParseExact(id, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var week) || week.DayOfWeek != DayOfWeek.Saturday)
                errors.Add($"{where}: category '{id}' is not a Saturday");
            else if (!seen.Add(id))
                errors.Add($"{where}: category '{id}' repeats");
        }
        var sum = members.Sum(m => m.Value);
        if (Math.Abs(sum - 1) > PmfTolerance)
            errors.Add($"{where}: probabilities sum to {CsvText.Number(sum)}, not 1");
    }

    private static void CheckPmf(List<string> errors, string where, List<(string Id, double Value)> members)
    {
        var known = RateChangeRules.Categories.Select(RateChangeRules.HubId).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, _) in members)
        {
            if (!known.Contains(id))
                errors.Add($"{where}: unknown category '{id}'");
            else if (!seen.Add(id))
                errors.Add($"{where}: category '{id}' repeats");
        }
        if (seen.Count != known.Count)
            errors.Add($"{where}: {seen.Count} of the {known.Count} categories");
        var sum = members.Sum(m => m.Value);
        if (Math.Abs(sum - 1) > PmfTolerance)
            errors.Add($"{where}: probabilities sum to {CsvText.Number(sum)}, not 1");
    }
}
