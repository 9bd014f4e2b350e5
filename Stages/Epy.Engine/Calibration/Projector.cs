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
    /// <paramref name="result"/> (default the last), binned at <paramref name="frequency"/> (default:
    /// weeks ending on the observations' weekday).
    /// </summary>
    public static Projection Run(EpidemicDistanceModel model, CalibrationResult result, int count, ulong seed, int? generation = null, int threads = 0,
        ResampleFrequency? frequency = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (count < 1)
            throw new ModelValidationException("calibration.projection.n_trajectories", $"must be at least 1, got {count}");
        if (result.Generations.Length == 0)
            throw new ModelValidationException("calibration", "the calibration kept no generation to project from");
        var chosen = result.Generations[generation ?? result.Generations.Length - 1];
        var particles = result.DrawIndices(count, seed, generation).Select(i => (i, chosen.Particle(i).ToArray())).ToArray();
        return Run(model, particles, seed, threads, frequency);
    }

    /// <summary>
    /// Projects <paramref name="particles"/> (θ vectors with their particle indices), binned at
    /// <paramref name="frequency"/> (default: weeks ending on the observations' weekday). Each
    /// trajectory's <see cref="ProjectedTrajectory.Fit"/> stays on the observations' weeks.
    /// </summary>
    public static Projection Run(EpidemicDistanceModel model, IReadOnlyList<(int Particle, double[] Theta)> particles, ulong seed, int threads = 0,
        ResampleFrequency? frequency = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(particles);
        var setup = model.Setup;
        var fitWeeks = WeeklyGrid(setup.ReferenceDate, setup.EndDate, setup.Observed.First.DayOfWeek);
        frequency ??= ResampleFrequency.Weekly(setup.Observed.First.DayOfWeek);
        var weeks = frequency.Grid(setup.ReferenceDate, setup.EndDate);

        var trajectories = new ProjectedTrajectory[particles.Count];
        OutputLayout? layout = null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, particles.Count, options, j =>
        {
            var (particle, theta) = particles[j];
            var streamSeed = SplitMix64.Mix(seed ^ SplitMix64.Mix(ProjectionStream + (ulong)j));
            var compiled = model.Factory.Compile(theta, setup.EndDate);
            var daily = new Simulator(compiled).Run(streamSeed);
            var fit = new double[fitWeeks.Length];
            model.Comparison.Weekly(daily, fitWeeks[0], fit);
            trajectories[j] = Lay(compiled, daily, weeks, particle, theta, streamSeed, fit, frequency);
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
    /// Lays one daily simulation of <paramref name="compiled"/> on <paramref name="weeks"/>, the bins of
    /// <paramref name="frequency"/> (default: weeks ending on <paramref name="weeks"/>' first day, see
    /// <see cref="WeeklyGrid"/>): flow sums and end-of-bin states; bins before the run's start hold its
    /// initial state and no flows, bins after its end stay empty.
    /// </summary>
    public static ProjectedTrajectory Lay(CompiledModel compiled, SimulationOutput daily, DateOnly[] weeks, int particle, IReadOnlyList<double> theta, ulong seed, double[] fit,
        ResampleFrequency? frequency = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(weeks);
        var layout = compiled.Layout;
        var ages = layout.AgeGroupCount;
        var stateSize = layout.Compartments.Count * ages;
        var flowSize = layout.Flows.Count * ages;
        var aggregator = new WeeklyAggregator(layout, frequency ?? ResampleFrequency.Weekly(weeks[0].DayOfWeek));
        var weekly = aggregator.Aggregate(daily);
        var compartments = new double[weeks.Length * stateSize];
        var flows = new double[weeks.Length * flowSize];
        // Both grids are contiguous bins of one frequency: the run's first bin is the grid's bins before it.
        var firstSimulated = weeks.Count(label => label < aggregator.Weeks[0]);
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
