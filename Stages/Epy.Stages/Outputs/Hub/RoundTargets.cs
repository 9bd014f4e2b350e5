using System.Globalization;

namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// What the hub file writes for one round, read from the round's model tasks in tasks.json: which of the
/// targets this program can build (<c>wk inc flu hosp</c> quantiles and samples, <c>wk flu hosp rate change</c>
/// pmf) the round defines, with their horizons, quantile levels, pmf categories, sample rules and locations.
/// A target the round does not define is not written. The rate-change thresholds stay
/// <see cref="RateChangeRules"/>'s (the hub's written rules, not tasks.json's).
/// </summary>
/// <param name="Incidence"><c>wk inc flu hosp</c> quantiles; null: not written.</param>
/// <param name="RateChange"><c>wk flu hosp rate change</c> pmf; null: not written.</param>
/// <param name="Samples"><c>wk inc flu hosp</c> samples; null: not written.</param>
/// <param name="SamplesOffered">Whether the round has a sample output type for a target this program writes (whether or not asked for).</param>
/// <param name="Warnings">What the round defines that is left out, and why.</param>
/// <param name="PeakLocations">The hub location codes the round's peak tasks allow (their levels and weeks: <see cref="PeakSeason"/>); null: any.</param>
public sealed record RoundTargets(QuantileTask? Incidence, RateChangeTask? RateChange, SampleTask? Samples, bool SamplesOffered, IReadOnlyList<string> Warnings,
    IReadOnlySet<string>? PeakLocations = null)
{
    /// <summary>Whether the round's peak targets take hub location <paramref name="location"/>.</summary>
    public bool AllowsPeaks(string location) => PeakLocations is null || PeakLocations.Contains(location);

    /// <summary>
    /// FluSight 2025-26's targets as this program wrote them before it read tasks.json: the 23 levels for horizons
    /// −1 to 3, the five rate-change categories for horizons 0 to 3, any location, no samples. Used only when no
    /// hub config can be read.
    /// </summary>
    public static RoundTargets Builtin { get; } = new(
        new QuantileTask([.. Enumerable.Range(HubFormat.FirstIncidenceHorizon, HubFormat.LastHorizon - HubFormat.FirstIncidenceHorizon + 1)], Quantiles.FluSightLevels, null),
        new RateChangeTask([.. Enumerable.Range(RateChangeRules.FirstHorizon, RateChangeRules.LastHorizon - RateChangeRules.FirstHorizon + 1)], RateChangeRules.Categories, null),
        null, false, []);

    /// <summary>
    /// Reads the round of <paramref name="reference"/>; with <paramref name="samples"/>, the <c>wk inc flu hosp</c>
    /// sample task too. A horizon whose target end date the task does not list is left out with a warning; a
    /// rate-change horizon without thresholds in <see cref="RateChangeRules"/> is left out (with a warning when the
    /// round requires it).
    /// </summary>
    /// <exception cref="FormatException">
    /// The round is not in the config, a horizon or quantile level is not a number, or a rate-change category is
    /// not one <see cref="RateChangeRules"/> classifies into.
    /// </exception>
    public static RoundTargets Of(HubConfig config, DateOnly reference, bool samples)
    {
        ArgumentNullException.ThrowIfNull(config);
        var roundId = CsvText.Date(reference);
        var round = config.RoundOf(roundId) ?? throw new FormatException($"{roundId} is not a round of the hub's tasks.json");
        var warnings = new List<string>();

        QuantileTask? incidence = null;
        if (Find(round, HubFormat.IncidenceTarget, t => t.Name == HubFormat.Quantile && t.Sample is null) is var (task, type))
        {
            var ids = type.RequiredIds.Count > 0 ? type.RequiredIds : type.OptionalIds;
            var levels = ids.Select(id => Number(id, $"'{HubFormat.IncidenceTarget}' quantile level")).Order().ToArray();
            incidence = new QuantileTask(Horizons(task, reference, HubFormat.IncidenceTarget, warnings), levels, Locations(task));
        }
        else
        {
            warnings.Add($"the round of {roundId} has no '{HubFormat.IncidenceTarget}' quantile task: no quantile rows");
        }

        var rateChange = Find(round, HubFormat.RateChangeTarget, t => t.Name == HubFormat.Pmf && t.Sample is null) is var (rateTask, pmf)
            ? RateChangeOf(rateTask, pmf, reference, warnings)
            : null;

        var sampleType = Find(round, HubFormat.IncidenceTarget, t => t.Sample is not null);
        SampleTask? sampleTask = null;
        if (samples && sampleType is var (st, sample))
        {
            var rule = sample.Sample!;
            // A sample spans the task ids outside its compound set: this program's samples span the horizons only.
            var spans = round.TaskIdNames.Where(n => st.TaskId(n) is { IsUnused: false } && !rule.CompoundTaskIdSet.Contains(n, StringComparer.Ordinal)).ToList();
            if (rule.CompoundTaskIdSet.Count == 0 || spans.Any(n => n is not ("horizon" or "target_end_date")))
                warnings.Add($"the round's '{HubFormat.IncidenceTarget}' samples keep {(rule.CompoundTaskIdSet.Count == 0 ? "every task id" : string.Join(", ", rule.CompoundTaskIdSet))} fixed; "
                    + "this program writes samples that span the horizons of one (reference_date, location, target): samples left out");
            else
                sampleTask = new SampleTask(Horizons(st, reference, $"{HubFormat.IncidenceTarget} sample", warnings), rule, Locations(st));
        }
        var peakTask = round.ModelTasks.FirstOrDefault(t => t.TaskId("target") is { } target
            && target.Values.Any(v => v is HubFormat.PeakIncidenceTarget or HubFormat.PeakWeekTarget));
        return new RoundTargets(incidence, rateChange, sampleTask, sampleType is not null, warnings, peakTask is null ? null : Locations(peakTask));
    }

    private static RateChangeTask? RateChangeOf(HubModelTask task, HubOutputType pmf, DateOnly reference, List<string> warnings)
    {
        var ids = pmf.RequiredIds.Count > 0 ? pmf.RequiredIds : pmf.OptionalIds;
        var listed = new HashSet<RateChangeCategory>();
        foreach (var id in ids)
        {
            listed.Add(RateChangeRules.FromHubId(id) ?? throw new FormatException(
                $"'{HubFormat.RateChangeTarget}' pmf category '{id}' is not a rate-change category this program classifies into ({string.Join(", ", RateChangeRules.Categories.Select(RateChangeRules.HubId))})"));
        }
        var missing = RateChangeRules.Categories.Where(c => !listed.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            warnings.Add($"the round's '{HubFormat.RateChangeTarget}' pmf lacks {string.Join(", ", missing.Select(RateChangeRules.HubId))}, into which trajectories are classified: rate-change rows left out");
            return null;
        }
        var horizons = new List<int>();
        var horizonId = task.TaskId("horizon");
        foreach (var h in Horizons(task, reference, HubFormat.RateChangeTarget, warnings))
        {
            if (h is >= RateChangeRules.FirstHorizon and <= RateChangeRules.LastHorizon)
                horizons.Add(h);
            else if (horizonId is not null && horizonId.Required.Any(v => horizonId.Same(v, CsvText.Integer(h))))
                warnings.Add($"the round requires '{HubFormat.RateChangeTarget}' horizon {h}, for which the hub's rate-change rules give no thresholds: left out");
            // An optional horizon without thresholds (FluSight lists −1) is simply not forecast.
        }
        return new RateChangeTask(horizons, RateChangeRules.Categories, Locations(task));
    }

    // The first model task of the round for target with an output type matching, and that type.
    private static (HubModelTask Task, HubOutputType Type)? Find(HubRound round, string target, Func<HubOutputType, bool> match)
    {
        foreach (var task in round.ModelTasks)
        {
            if (task.TaskId("target") is { } t && t.Values.Contains(target, StringComparer.Ordinal) && task.OutputTypes.FirstOrDefault(match) is { } type)
                return (task, type);
        }
        return null;
    }

    // The task's horizons, increasing, without those whose target end date the task does not list.
    private static int[] Horizons(HubModelTask task, DateOnly reference, string target, List<string> warnings)
    {
        var horizons = (task.TaskId("horizon")?.Values ?? []).Select(v => Number(v, $"'{target}' horizon")).ToList();
        if (horizons.Any(h => h != Math.Floor(h)))
            throw new FormatException($"'{target}' horizon {CsvText.Number(horizons.First(h => h != Math.Floor(h)))} is not a whole number of weeks");
        var ends = task.TaskId("target_end_date");
        var kept = new List<int>();
        foreach (var h in horizons.Select(h => (int)h).Distinct().Order())
        {
            var end = CsvText.Date(reference.AddDays(7 * h));
            if (ends is { IsUnused: false } && !ends.Allows(end))
                warnings.Add($"the round's '{target}' task has no target_end_date {end} (horizon {h}): left out");
            else
                kept.Add(h);
        }
        return [.. kept];
    }

    private static HashSet<string>? Locations(HubModelTask task) =>
        task.TaskId("location") is { IsUnused: false } location ? new HashSet<string>(location.Values, StringComparer.Ordinal) : null;

    private static double Number(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{what} '{text}' is not a number");
}
