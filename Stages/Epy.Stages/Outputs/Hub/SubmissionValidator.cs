using System.Globalization;

namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// Checks a submission against a hub's configuration the way the hub's validation (hubValidations)
/// does: columns, column types, the round id, task-id values and output types allowed for each row's
/// model task, required values present, unique rows, ascending quantiles, pmfs summing to 1, value
/// types and bounds, sample id rules, and the optional checks of <c>validations.yml</c>
/// (horizon/date consistency, counts below the population). Pure: no I/O.
/// </summary>
public static partial class SubmissionValidator
{
    /// <summary>R's <c>all.equal</c> tolerance, which hubValidations' pmf check uses.</summary>
    public const double PmfTolerance = 1.5e-8;

    private static readonly string[] StandardColumns = ["output_type", "output_type_id", "value"];

    /// <summary>The problems, one line each; empty when the submission is valid.</summary>
    public static IReadOnlyList<SubmissionProblem> Validate(HubConfig config, SubmissionTable table)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(table);
        var problems = new SubmissionProblems();
        if (config.Rounds.Count == 0)
        {
            problems.Add("config", "hub config", "tasks.json has no rounds");
            return problems.ToList();
        }
        var round = Round(config, table, problems);
        if (round is null)
            return problems.ToList();
        // A round id the hub does not list is one problem, not one per row.
        var skip = problems.Count > 0 && round.RoundIdFromVariable ? round.RoundId : null;
        var taskIds = round.TaskIdNames;
        var expected = taskIds.Concat(StandardColumns).ToList();
        var missing = expected.Except(table.Header).ToList();
        var extra = table.Header.Except(expected).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            problems.Add("colnames", "header", $"columns must be {string.Join(", ", expected)}"
                + (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : "") + (extra.Count > 0 ? $"; not expected {string.Join(", ", extra)}" : ""));
            return problems.ToList();
        }
        var columns = new SubmissionColumns(table, taskIds);
        var accepted = new List<SubmissionEntry>();
        foreach (var row in table.Rows)
        {
            if (CheckRow(config, round, columns, row, skip, problems) is { } entry)
                accepted.Add(entry);
        }
        CheckUnique(accepted, problems);
        foreach (var (task, entries) in round.ModelTasks.Select((t, i) => (t, accepted.Where(e => e.Task == i).ToList())))
        {
            CheckRequiredTasks(task, entries, problems);
            foreach (var group in entries.GroupBy(e => e.Key, StringComparer.Ordinal))
                CheckTaskGroup(task, group.ToList(), problems);
            CheckSamples(task, entries, problems);
        }
        return problems.ToList();
    }

    private static HubRound? Round(HubConfig config, SubmissionTable table, SubmissionProblems problems)
    {
        var variable = config.Rounds.FirstOrDefault(r => r.RoundIdFromVariable)?.RoundId;
        if (variable is null)
            return config.Rounds[0]; // a hub with fixed round ids names the round in the file name, not in the table
        var column = table.IndexOf(variable);
        if (column < 0)
        {
            problems.Add("colnames", "header", $"no {variable} column: it names the round");
            return null;
        }
        var ids = table.Rows.Select(r => r.Cells[column]).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            problems.Add("tbl_not_empty", "file", "no rows");
            return null;
        }
        if (ids.Count > 1)
            problems.Add("unique_round_id", $"column {variable}", $"one round per file; found {string.Join(", ", ids)}");
        var round = config.RoundOf(ids[0]);
        if (round is not null)
            return round;
        var known = config.RoundIds.Order(StringComparer.Ordinal).ToList();
        problems.Add("valid_round_id", $"column {variable}",
            $"{ids[0]} is not a round of the hub ({known.Count} rounds, {known.FirstOrDefault()} to {known.LastOrDefault()})");
        // With one round entry (FluSight) its model tasks still say what each row may hold.
        return config.Rounds.Count == 1 ? config.Rounds[0] : null;
    }

    private static SubmissionEntry? CheckRow(HubConfig config, HubRound round, SubmissionColumns columns, SubmissionTableRow row, string? skip, SubmissionProblems problems)
    {
        var values = columns.TaskIdValues(row);
        var line = row.Line;
        var typeProblems = problems.Count;
        foreach (var (name, cell) in values)
        {
            if (cell is not null && SubmissionColumns.IsDate(name, round) && !IsDate(cell))
                problems.Row("col_types", line, $"{name} '{cell}' is not a date (yyyy-mm-dd)");
            if (cell is not null && round.ModelTasks.Any(t => t.TaskId(name)?.Numeric == true) && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                problems.Row("col_types", line, $"{name} '{cell}' is not a number");
        }
        var valueText = row.Cells[columns.Value];
        if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            problems.Row("col_types", line, $"value '{valueText}' is not a number");
        if (problems.Count > typeProblems)
            return null;

        var index = FindTask(round, values, skip);
        if (index < 0)
        {
            problems.Row("tbl_values", line, WhyNoTask(round, values, skip));
            return null;
        }
        var task = round.ModelTasks[index];
        var outputType = row.Cells[columns.OutputType];
        var id = row.Cells[columns.OutputTypeId];
        var type = task.OutputType(outputType);
        if (type is null)
        {
            problems.Row("tbl_values", line, $"output_type '{outputType}' is not one of {string.Join(", ", task.OutputTypes.Select(t => t.Name))} for {task.Label}");
            return null;
        }
        if (!type.Allows(id))
        {
            problems.Row("tbl_values", line, $"output_type_id '{id}' is not a {outputType} id of {task.Label}");
            return null;
        }
        if (type.Sample is { MaxLength: { } longest } && id.Length > longest)
            problems.Row("spl_id_length", line, $"sample id '{id}' is longer than {longest} characters");
        if (type.Sample is { IdType: "integer" } && !long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            problems.Row("spl_id_type", line, $"sample id '{id}' is not an integer");
        if (type.Value.Problem(value) is { } bad)
            problems.Row("value_col_valid", line, $"value {valueText} {bad} for {outputType} of {task.Label}");
        CheckOptional(config, values, value, line, problems);
        return new SubmissionEntry(index, line, values, Key(values, round), outputType, id, value);
    }

    private static void CheckOptional(HubConfig config, IReadOnlyDictionary<string, string?> values, double value, int line, SubmissionProblems problems)
    {
        if (config.Checks.HorizonTimediff is { } diff
            && values.GetValueOrDefault(diff.T0Column) is { } t0Text && values.GetValueOrDefault(diff.T1Column) is { } t1Text
            && values.GetValueOrDefault(diff.HorizonColumn) is { } horizonText
            && IsDate(t0Text) && IsDate(t1Text) && int.TryParse(horizonText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var horizon))
        {
            var expected = Date(t0Text).AddDays(diff.DaysPerHorizon * horizon);
            if (Date(t1Text) != expected)
                problems.Row("horizon_timediff", line, $"{diff.T1Column} {t1Text} is not {diff.T0Column} + {diff.DaysPerHorizon} days x horizon {horizonText} ({expected:yyyy-MM-dd})");
        }
        if (config.Checks.CountsBelowPopulation is { } population
            && values.GetValueOrDefault("target") is { } target && population.Targets.Contains(target)
            && values.GetValueOrDefault("location") is { } location && population.Populations.TryGetValue(location, out var people)
            && value >= people)
        {
            problems.Row("counts_lt_popn", line, string.Create(CultureInfo.InvariantCulture, $"'{target}' count {value} is not below location {location}'s population {people}"));
        }
    }

    private static int FindTask(HubRound round, IReadOnlyDictionary<string, string?> values, string? skip)
    {
        for (var i = 0; i < round.ModelTasks.Count; i++)
        {
            if (round.ModelTasks[i].Accepts(values, skip))
                return i;
        }
        return -1;
    }

    // The closest model task (the one taking the row's target, else the one with fewest mismatches) and what it refuses.
    private static string WhyNoTask(HubRound round, IReadOnlyDictionary<string, string?> values, string? skip)
    {
        var target = values.GetValueOrDefault("target");
        if (target is not null && !round.ModelTasks.Any(t => t.TaskId("target")?.Allows(target) == true))
            return $"unknown target '{target}'";
        var closest = round.ModelTasks
            .Where(t => target is null || t.TaskId("target")?.Allows(target) == true)
            .Select(t => (Task: t, Refused: t.TaskIds.Where(i => i.Name != skip && !i.Allows(values.GetValueOrDefault(i.Name))).ToList()))
            .MinBy(t => t.Refused.Count);
        var refused = closest.Refused.Select(i => values.GetValueOrDefault(i.Name) is { } v
            ? (i.IsUnused ? $"{i.Name} must be NA" : $"{i.Name} '{v}' is not a value")
            : $"{i.Name} is missing");
        return $"{string.Join(", ", refused)} for {closest.Task.Label}";
    }

    private static string Key(IReadOnlyDictionary<string, string?> values, HubRound round) =>
        string.Join(", ", values.Where(v => v.Value is not null && v.Key != round.RoundId).Select(v => v.Key == "target" ? $"target '{v.Value}'" : $"{v.Key} {v.Value}"));

    private static bool IsDate(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
