using Epy.Engine.Randomness;

namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// The <c>sample</c> output type of <c>wk inc flu hosp</c>: whole projected trajectories, each one sample id
/// spanning every horizon of its (reference date, location, target), so the hub sees the weeks' joint
/// distribution and not only their margins. Values are stated as the quantiles are
/// (<see cref="AdmissionCounts.Round"/>; tasks.json asks for non-negative integers).
/// </summary>
public static class SampleTargets
{
    /// <summary>
    /// Picks the samples and writes their rows. A trajectory is eligible when the projection has every
    /// horizon's week and its values there are numbers. With more eligible trajectories than
    /// <paramref name="maxSamples"/>, that many are drawn without replacement by a generator seeded with
    /// <paramref name="seed"/>, then kept in trajectory order, so the same inputs give the same ids; with
    /// fewer than <paramref name="minSamples"/>, no row is written (the hub would refuse the set).
    /// </summary>
    /// <param name="projectionWeeks">The projection's week-ending dates.</param>
    /// <param name="incidence">Per trajectory, the weekly values on <paramref name="projectionWeeks"/>.</param>
    /// <param name="referenceDate">The round's Saturday.</param>
    /// <param name="horizons">The target's horizons (tasks.json), in the order rows are written.</param>
    /// <param name="location">The hub location code.</param>
    /// <param name="target">The hub target, e.g. <c>wk inc flu hosp</c>.</param>
    /// <param name="minSamples">tasks.json <c>min_samples_per_task</c>.</param>
    /// <param name="maxSamples">tasks.json <c>max_samples_per_task</c>.</param>
    /// <param name="ids">How ids are spelled.</param>
    /// <param name="maxIdLength">tasks.json <c>max_length</c> of a sample id.</param>
    /// <param name="seed">Seeds the draw when there are more trajectories than <paramref name="maxSamples"/>.</param>
    /// <exception cref="ArgumentException">No horizon, sample counts out of order, or an id longer than <paramref name="maxIdLength"/>.</exception>
    public static SampleSet Build(IReadOnlyList<DateOnly> projectionWeeks, double[][] incidence, DateOnly referenceDate, IReadOnlyList<int> horizons,
        string location, string target, int minSamples, int maxSamples, SampleIds ids, int maxIdLength, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(projectionWeeks);
        ArgumentNullException.ThrowIfNull(incidence);
        ArgumentNullException.ThrowIfNull(horizons);
        ArgumentNullException.ThrowIfNull(ids);
        if (horizons.Count == 0)
            throw new ArgumentException("a sample spans at least one horizon", nameof(horizons));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minSamples, maxSamples);
        var longest = ids.Id(maxSamples - 1);
        if (longest.Length > maxIdLength)
            throw new ArgumentException($"sample id '{longest}' is longer than the hub's {maxIdLength} characters", nameof(ids));

        var targetDates = horizons.Select(h => referenceDate.AddDays(7 * h)).ToArray();
        var columns = targetDates.Select(d => IndexOf(projectionWeeks, d)).ToArray();
        if (Array.IndexOf(columns, -1) is var gap and >= 0)
            return new SampleSet([], [], $"{location}: no projected week ending {CsvText.Date(targetDates[gap])} (horizon {horizons[gap]}), {target} samples left out");

        var eligible = Enumerable.Range(0, incidence.Length).Where(t => columns.All(c => !double.IsNaN(incidence[t][c]))).ToArray();
        if (eligible.Length < minSamples)
            return new SampleSet([], [], $"{location}: {eligible.Length} complete trajectories, the hub asks for at least {minSamples} {target} samples, left out");
        var chosen = eligible.Length <= maxSamples ? eligible : Draw(eligible, maxSamples, seed);

        var rows = new List<HubRow>(chosen.Length * horizons.Count);
        for (var s = 0; s < chosen.Length; s++)
        {
            var id = ids.Id(s);
            for (var h = 0; h < horizons.Count; h++)
                rows.Add(new HubRow(location, referenceDate, horizons[h], targetDates[h], target, HubFormat.Sample, id, AdmissionCounts.Round(incidence[chosen[s]][columns[h]])));
        }
        return new SampleSet(rows, chosen, null);
    }

    // A partial Fisher–Yates shuffle: the first n slots are a uniform draw without replacement.
    private static int[] Draw(int[] eligible, int n, ulong seed)
    {
        var pool = (int[])eligible.Clone();
        var random = new Xoshiro256(seed);
        for (var i = 0; i < n; i++)
        {
            var j = i + (int)random.NextInt64(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var chosen = pool[..n];
        Array.Sort(chosen);
        return chosen;
    }

    private static int IndexOf(IReadOnlyList<DateOnly> weeks, DateOnly date)
    {
        for (var w = 0; w < weeks.Count; w++)
        {
            if (weeks[w] == date)
                return w;
        }
        return -1;
    }
}
