using Epy.Engine.Calibration;
using Epy.Engine.Randomness;
using Epy.Stages.Configs;

namespace Epy.Stages.Aggregation;

/// <summary>
/// Combines the sources' trajectories for one location (pure: no I/O, randomness from a seed).
/// <para>
/// Pairing (<c>sampling: random</c>, as epymodelingsuite's multistrain aggregator): with n the smallest
/// source's trajectory count, each source's trajectories are drawn n times without replacement in a random
/// order; the k-th draws of all sources form the k-th aggregated trajectory.
/// </para>
/// <para>
/// Combining: week by week, compartment (or transition) by compartment and age group by age group,
/// <c>sum</c> adds the paired values and <c>weighted_sum</c> adds each multiplied by its source's weight.
/// The weekly grid is the union of the sources'; a week one source lacks counts as 0 for it (the
/// multistrain aggregator's outer join with <c>fillna(0)</c>). Every source must have the same age groups.
/// </para>
/// </summary>
public static class TrajectoryAggregator
{
    /// <summary>The aggregated trajectories: one per pair, the chosen compartments and transitions only.</summary>
    /// <exception cref="ArgumentException">No source, a source without trajectories, other age groups, or a name a source lacks.</exception>
    public static Projection Combine(IReadOnlyList<WeightedProjection> sources, AggregationMethod method, SeriesChoice compartments, SeriesChoice transitions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(compartments);
        ArgumentNullException.ThrowIfNull(transitions);
        if (sources.Count == 0)
            throw new ArgumentException("an aggregation needs at least one source", nameof(sources));
        if (method is not (AggregationMethod.Sum or AggregationMethod.WeightedSum))
            throw new ArgumentException($"method '{ConfigNames.Of(method)}' is not supported", nameof(method));
        var ages = sources[0].Projection.AgeGroups;
        foreach (var source in sources.Skip(1))
        {
            if (!source.Projection.AgeGroups.SequenceEqual(ages, StringComparer.Ordinal))
                throw new ArgumentException($"{source.Name} has age groups [{string.Join(", ", source.Projection.AgeGroups)}], {sources[0].Name} [{string.Join(", ", ages)}]: paired trajectories must share them");
        }
        var compartmentStems = Stems(sources, compartments, p => p.Compartments, "compartment");
        var flowStems = Stems(sources, transitions, p => p.Flows, "transition");
        var weeks = sources.SelectMany(s => s.Projection.Weeks).Distinct().Order().ToArray();
        var n = sources.Min(s => s.Projection.Trajectories.Count);
        if (n == 0)
            throw new ArgumentException($"{sources.First(s => s.Projection.Trajectories.Count == 0).Name} has no trajectory to aggregate");

        var rng = new Xoshiro256(seed);
        var draws = sources.Select(s => Draw(rng, s.Projection.Trajectories.Count, n)).ToArray();
        var layouts = sources.Select(s => new Layout(s.Projection, weeks, compartmentStems, flowStems)).ToArray();
        var trajectories = new ProjectedTrajectory[n];
        for (var k = 0; k < n; k++)
        {
            var stateValues = new double[weeks.Length * compartmentStems.Count * ages.Count];
            var flowValues = new double[weeks.Length * flowStems.Count * ages.Count];
            for (var s = 0; s < sources.Count; s++)
            {
                var weight = method == AggregationMethod.WeightedSum ? sources[s].Weight : 1.0;
                var trajectory = sources[s].Projection.Trajectories[draws[s][k]];
                layouts[s].AddCompartments(trajectory.Compartments, weight, stateValues);
                layouts[s].AddFlows(trajectory.Flows, weight, flowValues);
            }
            trajectories[k] = new ProjectedTrajectory(k, [], seed, [], stateValues, flowValues);
        }
        return new Projection(weeks, compartmentStems, flowStems, ages, [], trajectories);
    }

    /// <summary>n distinct indexes below <paramref name="count"/> in random order (a partial Fisher–Yates shuffle).</summary>
    private static int[] Draw(Xoshiro256 rng, int count, int n)
    {
        var indexes = Enumerable.Range(0, count).ToArray();
        for (var i = 0; i < n; i++)
        {
            var j = i + (int)(rng.NextDouble() * (count - i));
            (indexes[i], indexes[j]) = (indexes[j], indexes[i]);
        }
        return indexes[..n];
    }

    /// <summary>The compartments (or flows) aggregated, in the first source's order for <c>true</c>, else as named.</summary>
    private static List<string> Stems(IReadOnlyList<WeightedProjection> sources, SeriesChoice choice, Func<Projection, IReadOnlyList<string>> names, string what)
    {
        if (choice.All)
            return [.. names(sources[0].Projection).Where(stem => sources.All(s => names(s.Projection).Contains(stem)))];
        var stems = new List<string>();
        foreach (var name in choice.Names)
        {
            var stem = StemOf(name, names(sources[0].Projection), sources[0].Projection.AgeGroups)
                ?? throw new ArgumentException($"{what} '{name}' is not in {sources[0].Name} (it has {string.Join(", ", names(sources[0].Projection))})");
            foreach (var source in sources.Skip(1))
            {
                if (!names(source.Projection).Contains(stem))
                    throw new ArgumentException($"{what} '{name}' is not in {source.Name} (it has {string.Join(", ", names(source.Projection))})");
            }
            if (!stems.Contains(stem))
                stems.Add(stem);
        }
        return stems;
    }

    /// <summary><c>Hosp</c>, <c>Hosp_total</c> and <c>Hosp_0-4</c> all name the compartment <c>Hosp</c>.</summary>
    private static string? StemOf(string name, IReadOnlyList<string> stems, IReadOnlyList<string> ages)
    {
        if (stems.Contains(name))
            return name;
        var cut = name.LastIndexOf('_');
        if (cut <= 0)
            return null;
        var (stem, suffix) = (name[..cut], name[(cut + 1)..]);
        return stems.Contains(stem) && (suffix == "total" || ages.Contains(suffix)) ? stem : null;
    }

    /// <summary>Where one source's cells land in the aggregate: its weeks on the union grid, its indexes of the chosen names.</summary>
    private sealed class Layout(Projection source, DateOnly[] weeks, List<string> compartments, List<string> flows)
    {
        private readonly int[] _week = [.. source.Weeks.Select(w => Array.BinarySearch(weeks, w))];
        private readonly int[] _compartment = [.. compartments.Select(c => source.Compartments.ToList().IndexOf(c))];
        private readonly int[] _flow = [.. flows.Select(f => source.Flows.ToList().IndexOf(f))];
        private readonly int _ages = source.AgeGroups.Count;

        public void AddCompartments(double[] values, double weight, double[] target) =>
            Add(values, source.Compartments.Count, _compartment, weight, target);

        public void AddFlows(double[] values, double weight, double[] target) =>
            Add(values, source.Flows.Count, _flow, weight, target);

        private void Add(double[] values, int sourceCount, int[] indexes, double weight, double[] target)
        {
            for (var w = 0; w < _week.Length; w++)
            {
                for (var i = 0; i < indexes.Length; i++)
                {
                    var from = (w * sourceCount + indexes[i]) * _ages;
                    var to = (_week[w] * indexes.Length + i) * _ages;
                    for (var a = 0; a < _ages; a++)
                        target[to + a] += weight * values[from + a];
                }
            }
        }
    }
}
