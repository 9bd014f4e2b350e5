namespace Epy.Engine.Calibration;

/// <summary>
/// ABC rejection over the numbered prior draws of a <see cref="PriorSweep"/>: the particles are the
/// first <c>num_particles</c> draws with a distance below ε, exactly as a sequential run would find
/// them. Draws run in small parallel chunks; a chunk's draws past the last needed one are wasted work
/// but not counted. When a budget runs out, the particles accepted so far are kept (as epydemix does).
/// </summary>
internal static class AbcRejection
{
    public static CalibrationResult Run(AbcRun run, RejectionOptions options)
    {
        var width = run.Width;
        var chunk = options.Threads == 1 ? 1 : 4 * options.Threads;
        var thetas = new double[chunk * width];
        var distances = new double[chunk];
        var sweep = new PriorSweep(run);
        var particles = new List<double>();
        var accepted = new List<double>();
        var simulations = 0L;
        var reason = CalibrationStopReason.Completed;
        var start = run.Timestamp();

        while (accepted.Count < options.NumParticles)
        {
            var left = options.TotalSimulationsBudget - simulations;
            if (left <= 0)
            {
                reason = CalibrationStopReason.SimulationBudget;
                break;
            }
            if (run.TimeUp())
            {
                reason = CalibrationStopReason.WallTime;
                break;
            }

            var size = (int)Math.Min(chunk, left ?? chunk);
            var completed = sweep.Simulate(simulations, size, thetas, distances, options.Epsilon);
            for (var a = 0; a < completed && accepted.Count < options.NumParticles; a++)
            {
                simulations++;
                if (distances[a] < options.Epsilon)
                {
                    accepted.Add(distances[a]);
                    particles.AddRange(thetas.AsSpan(a * width, width));
                }
            }
            if (completed < size && accepted.Count < options.NumParticles)
            {
                reason = CalibrationStopReason.WallTime;
                break;
            }
        }

        var count = accepted.Count;
        var weights = Enumerable.Repeat(1.0 / Math.Max(count, 1), count).ToArray();
        var generation = new CalibrationGeneration(0, options.Epsilon, [.. particles], weights, [.. accepted], simulations, 0,
            simulations == 0 ? 0.0 : (double)count / simulations, run.SecondsSince(start));
        run.Progress?.Report(generation);
        return run.Result(AbcStrategy.Rejection, reason, [generation]);
    }
}
