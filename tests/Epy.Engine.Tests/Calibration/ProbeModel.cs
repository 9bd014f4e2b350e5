using System.Collections.Concurrent;
using Epy.Engine.Calibration;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Calibration;

/// <summary>
/// Wraps a model to watch it: counts simulations and workers, records every (θ, distance), fails a
/// simulation whose θ lies outside the priors' support, optionally adds |θ[1] − <see cref="DiscreteTarget"/>|
/// to the distance, and advances a manual clock per simulation.
/// </summary>
internal sealed class ProbeModel(IDistanceModel inner, IReadOnlyList<Prior> priors) : IDistanceModel
{
    private long _simulations;
    private int _workers;

    private IReadOnlyList<Prior> Priors { get; } = priors;

    public long Simulations => Interlocked.Read(ref _simulations);

    public int Workers => Volatile.Read(ref _workers);

    public ConcurrentBag<(double[] Theta, double Distance)> Seen { get; } = [];

    public long? DiscreteTarget { get; init; }

    public ManualTimeProvider? Clock { get; init; }

    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);

    public IDistanceWorker CreateWorker()
    {
        Interlocked.Increment(ref _workers);
        return new Worker(this, inner.CreateWorker());
    }

    private sealed class Worker(ProbeModel probe, IDistanceWorker inner) : IDistanceWorker
    {
        public double Distance(ReadOnlySpan<double> theta, Xoshiro256 rng, double threshold)
        {
            for (var q = 0; q < theta.Length; q++)
            {
                if (!probe.Priors[q].Contains(theta[q]))
                    throw new InvalidOperationException($"simulated θ[{q}] = {theta[q]} outside the prior support");
            }
            Interlocked.Increment(ref probe._simulations);
            probe.Clock?.Advance(probe.Tick);
            var distance = inner.Distance(theta, rng, threshold);
            if (probe.DiscreteTarget is { } target)
                distance += Math.Abs(theta[1] - target);
            probe.Seen.Add((theta.ToArray(), distance));
            return distance;
        }
    }
}
