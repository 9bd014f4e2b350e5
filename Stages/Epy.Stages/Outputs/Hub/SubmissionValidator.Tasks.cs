using System.Globalization;

namespace Epy.Stages.Outputs.Hub;

public static partial class SubmissionValidator
{
    private static void CheckUnique(List<SubmissionEntry> entries, SubmissionProblems problems)
    {
        foreach (var repeated in entries.GroupBy(e => (e.Task, e.Key, e.OutputType, e.OutputTypeId)).Where(g => g.Count() > 1))
        {
            problems.Add("rows_unique", SubmissionProblems.Lines(repeated.Select(e => e.Line).ToList()),
                $"the same row repeats: {repeated.Key.Key}, {repeated.Key.OutputType} {repeated.Key.OutputTypeId}");
        }
    }

    // Every combination of the required task id values must be forecast (with the optional task ids free).
    private static void CheckRequiredTasks(HubModelTask task, List<SubmissionEntry> entries, SubmissionProblems problems)
    {
        var required = task.TaskIds.Where(t => t.Required.Count > 0).ToList();
        if (required.Count == 0)
            return;
        IEnumerable<List<(HubTaskId Id, string Value)>> combinations = [[]];
        foreach (var id in required)
            combinations = combinations.SelectMany(c => id.Required.Select(v => new List<(HubTaskId, string)>([.. c, (id, v)])));
        foreach (var combination in combinations)
        {
            var matched = entries.Where(e => combination.All(c => e.TaskIds.GetValueOrDefault(c.Id.Name) is { } v && c.Id.Same(c.Value, v))).ToList();
            var where = string.Join(", ", combination.Select(c => $"{c.Id.Name} {c.Value}"));
            if (matched.Count == 0)
            {
                problems.Add("missing_req_vals", $"{task.Label}, {where}", "required, but no rows");
                continue;
            }
            foreach (var type in task.OutputTypes.Where(t => t.IsRequired && !matched.Any(e => e.OutputType == t.Name)))
                problems.Add("missing_req_vals", $"{task.Label}, {where}", $"no {type.Name} rows, which are required");
        }
    }

    // One task (one set of task id values): its required ids per output type, ascending quantiles, pmf summing to 1.
    private static void CheckTaskGroup(HubModelTask task, List<SubmissionEntry> group, SubmissionProblems problems)
    {
        var where = $"{group[0].Key} ({SubmissionProblems.Lines(group.Select(e => e.Line).ToList())})";
        foreach (var type in task.OutputTypes.Where(t => t.Sample is null))
        {
            var rows = group.Where(e => e.OutputType == type.Name).ToList();
            if (rows.Count == 0)
                continue;
            var absent = type.RequiredIds.Where(id => !rows.Any(e => HubTaskValues.Same(id, e.OutputTypeId, type.NumericIds))).ToList();
            if (absent.Count > 0)
                problems.Add("missing_req_vals", where, $"{type.Name} lacks required output_type_id {string.Join(", ", absent)}");
            if (type.Name is "quantile" or "cdf")
                CheckAscending(type.Name, rows, where, problems);
            if (type.Name == "pmf")
            {
                var sum = rows.Sum(e => e.Value);
                if (Math.Abs(sum - 1) > PmfTolerance)
                    problems.Add("value_col_sum1", where, string.Create(CultureInfo.InvariantCulture, $"pmf values sum to {sum}, not 1"));
            }
        }
        foreach (var type in task.OutputTypes.Where(t => t.IsRequired && t.Sample is null && task.TaskIds.All(i => i.Required.Count == 0)))
        {
            if (!group.Any(e => e.OutputType == type.Name))
                problems.Add("missing_req_vals", where, $"no {type.Name} rows, which {task.Label} requires");
        }
    }

    private static void CheckAscending(string type, List<SubmissionEntry> rows, string where, SubmissionProblems problems)
    {
        var ordered = rows
            .Select(e => (Level: double.Parse(e.OutputTypeId, NumberStyles.Float, CultureInfo.InvariantCulture), Entry: e))
            .OrderBy(r => r.Level)
            .ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            var (previous, current) = (ordered[i - 1], ordered[i]);
            if (current.Entry.Value < previous.Entry.Value)
            {
                problems.Add("value_col_non_desc", $"{where.Split(" (")[0]} (lines {previous.Entry.Line}, {current.Entry.Line})", string.Create(CultureInfo.InvariantCulture,
                    $"{type} {current.Entry.OutputTypeId} = {current.Entry.Value} is below {type} {previous.Entry.OutputTypeId} = {previous.Entry.Value}: values must not decrease with the level"));
            }
        }
    }

    // Samples: each sample id keeps the compound task ids fixed, spans the same other task ids as its
    // siblings, and each compound task has between the minimum and the maximum number of samples.
    private static void CheckSamples(HubModelTask task, List<SubmissionEntry> entries, SubmissionProblems problems)
    {
        foreach (var type in task.OutputTypes.Where(t => t.Sample is not null))
        {
            var rule = type.Sample!;
            var rows = entries.Where(e => e.OutputType == type.Name).ToList();
            if (rows.Count == 0)
                continue;
            var compound = rule.CompoundTaskIdSet.Count > 0 ? rule.CompoundTaskIdSet : task.TaskIds.Select(t => t.Name).ToList();
            string Compound(SubmissionEntry e) => string.Join(", ", compound.Select(c => $"{c} {e.TaskIds.GetValueOrDefault(c) ?? "NA"}"));
            string Rest(SubmissionEntry e) => string.Join(", ", e.TaskIds.Where(t => !compound.Contains(t.Key)).Select(t => $"{t.Key} {t.Value ?? "NA"}"));

            foreach (var sample in rows.GroupBy(e => e.OutputTypeId, StringComparer.Ordinal))
            {
                var tasks = sample.Select(Compound).Distinct(StringComparer.Ordinal).ToList();
                if (tasks.Count > 1)
                    problems.Add("spl_compound_taskid_set", SubmissionProblems.Lines(sample.Select(e => e.Line).ToList()),
                        $"sample '{sample.Key}' spans {tasks.Count} compound tasks ({string.Join("; ", tasks.Take(2))}): a sample keeps {string.Join(", ", compound)} fixed");
            }
            foreach (var group in rows.GroupBy(Compound, StringComparer.Ordinal))
            {
                var samples = group.GroupBy(e => e.OutputTypeId, StringComparer.Ordinal).ToList();
                var lines = SubmissionProblems.Lines(group.Select(e => e.Line).ToList());
                if (samples.Count < rule.MinSamplesPerTask || samples.Count > rule.MaxSamplesPerTask)
                {
                    var range = rule.MinSamplesPerTask == rule.MaxSamplesPerTask ? $"{rule.MinSamplesPerTask}" : $"{rule.MinSamplesPerTask} to {rule.MaxSamplesPerTask}";
                    problems.Add("spl_n", $"{group.Key} ({lines})", $"{samples.Count} samples, the hub takes {range} per task of {task.Label}");
                }
                var spans = samples.Select(s => string.Join("; ", s.Select(Rest).Order(StringComparer.Ordinal))).Distinct(StringComparer.Ordinal).Count();
                if (spans > 1)
                    problems.Add("spl_non_compound_taskid_set", $"{group.Key} ({lines})", "its samples do not all cover the same other task ids (horizons)");
            }
        }
    }
}
