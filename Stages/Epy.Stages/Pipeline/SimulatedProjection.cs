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
        ArgumentNullException.ThrowIfNull(daily);
        var layout = compiled.Layout;
        var firstWeek = WeeklyAggregator.WeekEnding(referenceDate);
        var lastWeek = WeeklyAggregator.WeekEnding(end);
        var weeks = Enumerable.Range(0, (lastWeek.DayNumber - firstWeek.DayNumber) / 7 + 1).Select(w => firstWeek.AddDays(7 * w)).ToArray();
        var ages = layout.AgeGroups.Count;
        var stateSize = layout.Compartments.Count * ages;
        var flowSize = layout.Flows.Count * ages;
        var aggregator = new WeeklyAggregator(layout);
        var weekly = aggregator.Aggregate(daily);
        var compartments = new double[weeks.Length * stateSize];
        var flows = new double[weeks.Length * flowSize];
        var firstSimulated = (aggregator.Weeks[0].DayNumber - weeks[0].DayNumber) / 7;
        for (var w = 0; w < weeks.Length; w++)
        {
            var source = w - firstSimulated;
            if (source < 0)
            {
                for (var c = 0; c < layout.Compartments.Count; c++)
                {
                    for (var k = 0; k < ages; k++)
                        compartments[w * stateSize + c * ages + k] = daily.Compartment(0, c, k);
                }
                continue;
            }
            if (source >= aggregator.Weeks.Count)
                continue;
            weekly.CompartmentValues.AsSpan(source * stateSize, stateSize).CopyTo(compartments.AsSpan(w * stateSize));
            weekly.FlowValues.AsSpan(source * flowSize, flowSize).CopyTo(flows.AsSpan(w * flowSize));
        }
        var trajectory = new ProjectedTrajectory(particle, [.. theta], seed, new double[weeks.Length], compartments, flows);
        return new Projection(weeks, layout.Compartments, layout.Flows, layout.AgeGroups, [.. quantities], [trajectory]);
    }
}
