using Epy.Engine.Calibration;
using Epy.Engine.Simulation;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Lays one daily simulation (a sampling row or the basemodel alone) on the weekly grid of a
/// projection, so Stage C aggregates every kind of task the same way. Weeks end on Saturday
/// (<c>W-SAT</c>); the grid starts with the week of <c>referenceDate</c>, and weeks before the run's
/// own start hold its initial state with no flows, as the projector does.
/// </summary>
public static class SimulatedProjection
{
    /// <summary>The projection of one trajectory.</summary>
    /// <param name="compiled">The model that ran.</param>
    /// <param name="daily">Its daily output.</param>
    /// <param name="referenceDate">The first day of the grid (the earliest possible start).</param>
    /// <param name="end">The last day of the grid.</param>
    /// <param name="quantities">The names of the sampled values (<paramref name="theta"/>'s order).</param>
    /// <param name="theta">The sampled values.</param>
    /// <param name="seed">The simulation's seed.</param>
    /// <param name="particle">The trajectory's id (the sample row).</param>
    public static Projection From(CompiledModel compiled, SimulationOutput daily, DateOnly referenceDate, DateOnly end,
        IReadOnlyList<string> quantities, IReadOnlyList<double> theta, ulong seed, int particle)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        var layout = compiled.Layout;
        var weeks = Projector.WeeklyGrid(referenceDate, end);
        var trajectory = Projector.Lay(compiled, daily, weeks, particle, [.. theta], seed, new double[weeks.Length]);
        return new Projection(weeks, layout.Compartments, layout.Flows, layout.AgeGroups, [.. quantities], [trajectory]);
    }
}
