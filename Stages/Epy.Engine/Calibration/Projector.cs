using Epy.Engine.Randomness;
using Epy.Engine.Simulation;

namespace Epy.Engine.Calibration;

/// <summary>
/// Simulates posterior particles to the end date and lays their weekly outputs on one grid. Each
/// trajectory's random stream comes from the seed and its position, so results do not depend on
/// the number of threads.
/// </summary>
public static class Projector
{
    /// <summary>The stream tag that keeps projection streams apart from calibration streams.</summary>
    private const ulong ProjectionStream = 0x5052_4F4A; // "PROJ"

    /// <summary>
    /// Projects <paramref name="count"/> particles drawn by weight from a generation of
    /// <paramref name="result"/> (default the last).
    /// </summary>
    public static Projection Run(EpidemicDistanceModel model, CalibrationResult result, int count, ulong seed, int? generation = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (count < 1)
            throw new ModelValidationException("calibration.projection.n_trajectories", $"must be at least 1, got {count}");
        if (result.Generations.Length == 0)
            throw new ModelValidationException("calibration", "the calibration kept no generation to project from");
        var chosen = result.Generations[generation ?? result.Generations.Length - 1];
        var particles = result.DrawIndices(count, seed, generation).Select(i => (i, chosen.Particle(i).ToArray())).ToArray();
        return Run(model, particles, seed, threads);
    }

    /// <summary>Projects <paramref name="particles"/> (θ vectors with their particle indices).</summary>
    public static Projection Run(EpidemicDistanceModel model, IReadOnlyList<(int Particle, double[] Theta)> particles, ulong seed, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(particles);
        var setup = model.Setup;
        var weeks = WeeklyGrid(setup.ReferenceDate, setup.EndDate, setup.Observed.First.DayOfWeek);

        var trajectories = new ProjectedTrajectory[particles.Count];
        OutputLayout? layout = null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, particles.Count, options, j =>
        {
            var (particle, theta) = particles[j];
            var streamSeed = SplitMix64.Mix(seed ^ SplitMix64.Mix(ProjectionStream + (ulong)j));
            var compiled = model.Factory.Compile(theta, setup.EndDate);
            var daily = new Simulator(compiled).Run(streamSeed);
            var fit = new double[weeks.Length];
            model.Comparison.Weekly(daily, weeks[0], fit);
            trajectories[j] = Lay(compiled, daily, weeks, particle, theta, streamSeed, fit);
            Interlocked.CompareExchange(ref layout, compiled.Layout, null);
        });

        var names = layout ?? model.Factory.Compile(particles.Count > 0 ? particles[0].Theta : [], setup.EndDate).Layout;
        return new Projection(weeks, names.Compartments, names.Flows, names.AgeGroups, [.. setup.Quantities.Select(q => q.Name)], trajectories);
    }

    /// <summary>The labels of the weeks (ending on <paramref name="weekEnd"/>) from the week of <paramref name="from"/> to the week of <paramref name="to"/>.</summary>
    public static DateOnly[] WeeklyGrid(DateOnly from, DateOnly to, DayOfWeek weekEnd = DayOfWeek.Saturday)
    {
        var firstWeek = WeeklyAggregator.WeekEnding(from, weekEnd);
        var lastWeek = WeeklyAggregator.WeekEnding(to, weekEnd);
        return [.. Enumerable.Range(0, (lastWeek.DayNumber - firstWeek.DayNumber) / 7 + 1).Select(w => firstWeek.AddDays(7 * w))];
    }

    /// <summary>
    /// Lays one daily simulation of <paramref name="compiled"/> on <paramref name="weeks"/> (see
    /// <see cref="WeeklyGrid"/>): weekly flow sums and end-of-week states; weeks before the run's start
    /// hold its initial state and no flows, weeks after its end stay empty.
    /// </summary>
    public static ProjectedTrajectory Lay(CompiledModel compiled, SimulationOutput daily, DateOnly[] weeks, int particle, IReadOnlyList<double> theta, ulong seed, double[] fit)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(weeks);
        var layout = compiled.Layout;
        var ages = layout.AgeGroups.Count;
        var stateSize = layout.Compartments.Count * ages;
        var flowSize = layout.Flows.Count * ages;
        var aggregator = new WeeklyAggregator(layout, weeks[0].DayOfWeek);
        var weekly = aggregator.Aggregate(daily);
        var compartments = new double[weeks.Length * stateSize];
        var flows = new double[weeks.Length * flowSize];
        var firstSimulated = (aggregator.Weeks[0].DayNumber - weeks[0].DayNumber) / 7;
        for (var w = 0; w < weeks.Length; w++)
        {
            var source = w - firstSimulated;
            if (source < 0)
            {
                // Before the run's start: its initial state, and nothing moves.
                for (var i = 0; i < stateSize; i++)
                    compartments[w * stateSize + i] = compiled.Initial[i];
                continue;
            }
            if (source >= aggregator.Weeks.Count)
                continue;
            weekly.CompartmentValues.AsSpan(source * stateSize, stateSize).CopyTo(compartments.AsSpan(w * stateSize));
            weekly.FlowValues.AsSpan(source * flowSize, flowSize).CopyTo(flows.AsSpan(w * flowSize));
        }
        return new ProjectedTrajectory(particle, theta, seed, fit, compartments, flows);
    }
}
