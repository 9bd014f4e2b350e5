namespace Epy.Engine.Calibration;

/// <summary>
/// ABC top fraction: simulate <c>Nsim</c> numbered prior draws and keep, in draw order, those whose
/// distance is at most the <c>top_fraction</c> quantile of all distances (numpy's linear quantile, as
/// epydemix): the ⌊fraction·(M − 1)⌋ + 1 closest, plus any tied with the last of them. If the wall time
/// runs out, the selection is made among the draws completed in order before it did.
/// </summary>
internal static class AbcTopFraction
{
    public static CalibrationResult Run(AbcRun run, TopFractionOptions options)
    {
        var width = run.Width;
        var thetas = new double[options.NumSimulations * width];
        var distances = new double[options.NumSimulations];
        var start = run.Timestamp();
        var completed = new PriorSweep(run).Simulate(0, options.NumSimulations, thetas, distances);
        var reason = completed < options.NumSimulations ? CalibrationStopReason.WallTime : CalibrationStopReason.Completed;
        if (completed == 0)
            return run.Result(AbcStrategy.TopFraction, reason, []);

        var sorted = LinearQuantile.Sorted(distances.AsSpan(0, completed));
        var threshold = sorted[(int)Math.Floor(options.TopFraction * (completed - 1))];
        var particles = new List<double>();
        var kept = new List<double>();
        for (var a = 0; a < completed; a++)
        {
            if (distances[a] <= threshold)
            {
                kept.Add(distances[a]);
                particles.AddRange(thetas.AsSpan(a * width, width));
            }
        }

        var weights = Enumerable.Repeat(1.0 / Math.Max(kept.Count, 1), kept.Count).ToArray();
        var generation = new CalibrationGeneration(0, threshold, [.. particles], weights, [.. kept], completed, 0,
            (double)kept.Count / completed, run.SecondsSince(start));
        run.Progress?.Report(generation);
        return run.Result(AbcStrategy.TopFraction, reason, [generation]);
    }
}
