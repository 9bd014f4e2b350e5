using Epy.Engine.Calibration;
using Epy.Engine.Simulation;
using Epy.Stages.Building;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Runs one model (a sampling row or the basemodel alone) <c>n_sims</c> times, as epydemix's
/// <c>run_simulations(Nsim=n_sims, resample_frequency=…)</c> does, and lays the runs on the bins of
/// <c>resample_frequency</c> from the model's own start date, in the projection's shape, so Stage C
/// reads every kind of task the same way. The runs are made in groups of at most
/// <see cref="Simulator.Lockstep"/>, each group together (a <see cref="Simulator"/> of that many
/// replicas: half again as many runs per CPU second). Run k's seed is <see cref="TaskSeed.ForSimulation"/>(seed, k); a group draws from the
/// stream of its first run's seed.
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
        var trajectories = new ProjectedTrajectory[settings.NSims];
        // As few groups as Lockstep allows, of sizes that differ by one at most (10 runs: 5 and 5).
        var groups = (trajectories.Length + Simulator.Lockstep - 1) / Simulator.Lockstep;
        Simulator? simulator = null;
        SimulationOutput[] outputs = [];
        for (int g = 0, first = 0; g < groups; g++)
        {
            var size = trajectories.Length / groups + (g < trajectories.Length % groups ? 1 : 0);
            if (simulator?.Replicas != size)
            {
                simulator = new Simulator(compiled, size);
                outputs = simulator.CreateOutputs();
            }
            simulator.Run(TaskSeed.ForSimulation(seed, first), outputs);
            for (var r = 0; r < size; r++)
            {
                trajectories[first + r] = Projector.Lay(compiled, outputs[r], bins, model, [.. theta], TaskSeed.ForSimulation(seed, first + r), [],
                    settings.Frequency);
            }
            first += size;
        }
        return new Projection(bins, layout.Compartments, layout.Flows, layout.AgeGroups, [.. quantities], trajectories);
    }
}
