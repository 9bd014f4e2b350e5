using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// A numbered sequence of prior draws, for rejection and top fraction: draw k takes θ from the priors
/// and simulates with the stream (seed, 0, k), so a draw's outcome depends on k alone, and the
/// algorithms read the sequence in order as if it ran on one thread.
/// </summary>
internal sealed class PriorSweep(AbcRun run)
{
    /// <summary>
    /// Simulates draws <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1
    /// in parallel into <paramref name="thetas"/> (row a for draw first + a) and <paramref name="distances"/>,
    /// and returns how many leading draws completed: all of them unless the wall time ran out.
    /// Distances at or above <paramref name="threshold"/> may be cut short (see <see cref="IDistanceWorker"/>).
    /// </summary>
    public int Simulate(long first, int count, double[] thetas, double[] distances, double threshold = double.PositiveInfinity)
    {
        var width = run.Width;
        var done = new bool[count];
        run.ForEach(count, (a, lane) =>
        {
            if (run.TimeUp() || run.Cancellation.IsCancellationRequested)
                return false;
            var rng = lane.Stream(run.Seed, 0, (ulong)(first + a));
            var theta = thetas.AsSpan(a * width, width);
            for (var q = 0; q < width; q++)
                theta[q] = run.Priors[q].Sample(rng);
            distances[a] = lane.Worker.Distance(theta, rng, threshold);
            done[a] = true;
            return true;
        });

        var completed = 0;
        while (completed < count && done[completed])
            completed++;
        return completed;
    }
}
