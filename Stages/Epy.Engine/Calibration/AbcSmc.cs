namespace Epy.Engine.Calibration;

/// <summary>
/// ABC-SMC (Toni et al. 2009) as epydemix runs it: generation 0 from the priors, then generations
/// that resample the previous one by weight, perturb (<see cref="PerturbationKernel"/>), drop proposals
/// outside the prior support without simulating, and keep those closer than ε. ε comes from the
/// schedule or is a quantile of the previous generation's distances. Stops after the last generation,
/// or after one whose ε is at most the minimum, or when a budget runs out (dropping a generation the
/// budget cut short; epydemix instead checks budgets only between generations).
/// </summary>
internal static class AbcSmc
{
    public static CalibrationResult Run(AbcRun run, SmcOptions options)
    {
        var generations = new List<CalibrationGeneration>();
        var used = 0L;
        CalibrationGeneration? previous = null;
        for (var g = 0; g < options.NumGenerations; g++)
        {
            var epsilon = options.EpsilonSchedule?[g]
                ?? (previous is null ? double.PositiveInfinity : LinearQuantile.Of(previous.Distances, options.EpsilonQuantileLevel));
            if (!(epsilon > 0.0))
                return run.Result(AbcStrategy.Smc, CalibrationStopReason.MinimumEpsilon, generations);

            var (generation, dropReason) = new SmcGeneration(run, g, options.NumParticles, epsilon, previous,
                options.TotalSimulationsBudget - used).Run();
            if (generation is null)
                return run.Result(AbcStrategy.Smc, dropReason, generations);

            generations.Add(generation);
            run.Progress?.Report(generation);
            used += generation.Simulations;
            previous = generation;
            if (g == options.NumGenerations - 1)
                break;
            if (epsilon <= options.MinimumEpsilon)
                return run.Result(AbcStrategy.Smc, CalibrationStopReason.MinimumEpsilon, generations);
            if (used >= options.TotalSimulationsBudget)
                return run.Result(AbcStrategy.Smc, CalibrationStopReason.SimulationBudget, generations);
            if (run.TimeUp())
                return run.Result(AbcStrategy.Smc, CalibrationStopReason.WallTime, generations);
        }
        return run.Result(AbcStrategy.Smc, CalibrationStopReason.Completed, generations);
    }
}
