using Epy.Engine.Calibration;
using Epy.Engine.Simulation;
using Epy.Stages.Building;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Runs one model (a sampling row or the basemodel alone) <c>n_sims</c> times, as epydemix's
/// <c>run_simulations(Nsim=n_sims, resample_frequency=…)</c> does, and lays the runs on the bins of
/// <c>resample_frequency</c> from the model's own start date, in the projection's shape, so Stage C
/// reads every kind of task the same way. Run k's seed is <see cref="TaskSeed.ForSimulation"/>.
/// </summary>
public static class SimulatedProjection
{
    /// <summary>The projection of the model's runs.</summary>
    /// <param name="compiled">The model to run.</param>
    /// <param name="settings">How many runs, and their bins.</param>
    /// <param name="quantities">The names of the sampled values (<paramref name="theta"/>'s order).</param>
    /// <param name="theta">The sampled values.</param>
    /// <param name="seed">The task's seed.</param>
    /// <param name="model">The model's id (the sample row; 0 for the basemodel), every trajectory's particle.</param>
    public static Projection Run(CompiledModel compiled, SimulationSettings settings, IReadOnlyList<string> quantities, IReadOnlyList<double> theta,
        ulong seed, int model)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(settings);
        var layout = compiled.Layout;
        var bins = settings.Frequency.Grid(layout.Dates[0], layout.Dates[^1]);
        var simulator = new Simulator(compiled);
        var trajectories = new ProjectedTrajectory[settings.NSims];
        for (var k = 0; k < trajectories.Length; k++)
        {
            var runSeed = TaskSeed.ForSimulation(seed, k);
            trajectories[k] = Projector.Lay(compiled, simulator.Run(runSeed), bins, model, [.. theta], runSeed, [], settings.Frequency);
        }
        return new Projection(bins, layout.Compartments, layout.Flows, layout.AgeGroups, [.. quantities], trajectories);
    }
}
