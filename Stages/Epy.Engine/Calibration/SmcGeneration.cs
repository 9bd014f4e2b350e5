using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// One ABC-SMC generation. Particle slot i tries proposals j = 0, 1, 2, ... until one is accepted,
/// proposal j drawing everything (parent, perturbation, simulation) from the stream (seed, g, i, j),
/// so each slot's outcome does not depend on threads or timing. Slots run in parallel.
/// <para>
/// The simulation budget is handed out as tickets, one per simulation. If the slots need at most the
/// budget left, no claim ever fails and the generation completes; if they need more, the claims
/// exceed it before all slots finish and the generation is dropped. So whether a generation is kept
/// is deterministic, even though which simulations ran before the drop is not.
/// </para>
/// </summary>
internal sealed class SmcGeneration
{
    private const int NotAborted = -1;

    private readonly AbcRun _run;
    private readonly int _index;
    private readonly double _epsilon;
    private readonly CalibrationGeneration? _previous;
    private readonly PerturbationKernel? _kernel;
    private readonly WeightedIndex? _parents;
    private readonly long? _budgetLeft;
    private readonly double[] _particles;
    private readonly double[] _distances;
    private readonly long[] _simulations;
    private readonly long[] _priorRejections;
    private long _tickets;
    private int _abort = NotAborted;

    /// <summary>Prepares generation <paramref name="index"/>: from the priors when <paramref name="previous"/> is null.</summary>
    public SmcGeneration(AbcRun run, int index, int particles, double epsilon, CalibrationGeneration? previous, long? budgetLeft)
    {
        _run = run;
        _index = index;
        _epsilon = epsilon;
        _previous = previous;
        _budgetLeft = budgetLeft;
        if (previous is not null)
        {
            _kernel = new PerturbationKernel(run.Priors, previous.Particles, previous.Weights);
            _parents = new WeightedIndex(previous.Weights);
        }
        _particles = new double[particles * run.Width];
        _distances = new double[particles];
        _simulations = new long[particles];
        _priorRejections = new long[particles];
    }

    /// <summary>The completed generation, or null and why it was dropped.</summary>
    public (CalibrationGeneration? Generation, CalibrationStopReason DropReason) Run()
    {
        var start = _run.Timestamp();
        _run.ForEach(_distances.Length, FillSlot);
        if (_abort != NotAborted)
            return (null, (CalibrationStopReason)_abort);

        var weights = _previous is null ? Uniform(_distances.Length) : Weights(_previous);
        var simulations = _simulations.Sum();
        var generation = new CalibrationGeneration(_index, _epsilon, _particles, weights, _distances, simulations,
            _priorRejections.Sum(), (double)_distances.Length / simulations, _run.SecondsSince(start));
        return (generation, CalibrationStopReason.Completed);
    }

    private bool FillSlot(int slot, AbcLane lane)
    {
        var theta = _particles.AsSpan(slot * _run.Width, _run.Width);
        for (var attempt = 0UL; ; attempt++)
        {
            if (Volatile.Read(ref _abort) != NotAborted || _run.Cancellation.IsCancellationRequested)
                return false;
            var rng = lane.Stream(_run.Seed, (ulong)_index, (ulong)slot, attempt);
            if (!Propose(theta, rng))
            {
                _priorRejections[slot]++;
                continue;
            }
            if (_run.TimeUp())
                return Abort(CalibrationStopReason.WallTime);
            if (_budgetLeft is { } left && Interlocked.Increment(ref _tickets) > left)
                return Abort(CalibrationStopReason.SimulationBudget);

            // Generation 0 accepts distance ≤ ε₀, so only a distance above ε₀ may be cut short.
            var threshold = _previous is null ? Math.BitIncrement(_epsilon) : _epsilon;
            var distance = lane.Worker.Distance(theta, rng, threshold);
            _simulations[slot]++;

            // Generation 0 keeps distance ≤ ε₀ (so everything when ε₀ = +∞), later ones distance < ε, as epydemix.
            if (_previous is null ? distance <= _epsilon : distance < _epsilon)
            {
                _distances[slot] = distance;
                return true;
            }
        }
    }

    /// <summary>Writes a proposal into <paramref name="theta"/>; false if it lies outside the prior support.</summary>
    private bool Propose(Span<double> theta, Xoshiro256 rng)
    {
        var priors = _run.Priors;
        if (_previous is null)
        {
            for (var q = 0; q < theta.Length; q++)
                theta[q] = priors[q].Sample(rng);
            return true;
        }

        _kernel!.Propose(_previous.Particle(_parents!.Pick(rng)), theta, rng);
        for (var q = 0; q < theta.Length; q++)
        {
            if (!priors[q].Contains(theta[q]))
                return false;
        }
        return true;
    }

    private bool Abort(CalibrationStopReason reason)
    {
        Interlocked.CompareExchange(ref _abort, (int)reason, NotAborted);
        return false;
    }

    private static double[] Uniform(int count) => Enumerable.Repeat(1.0 / count, count).ToArray();

    /// <summary>
    /// w ∝ Π prior(θ) / Σⱼ wⱼ K(θ | θⱼ) over the previous generation, in logarithms (a log-sum-exp for
    /// the denominator) so that many dimensions cannot underflow, then normalised to sum 1.
    /// </summary>
    private double[] Weights(CalibrationGeneration previous)
    {
        var width = _run.Width;
        var logPrevious = previous.Weights.Select(PortableMath.Log).ToArray();
        var logWeights = new double[_distances.Length];
        _run.ForEach(logWeights.Length, i =>
        {
            var theta = _particles.AsSpan(i * width, width);
            var logPrior = 0.0;
            for (var q = 0; q < width; q++)
                logPrior += PortableMath.Log(_run.Priors[q].Density(theta[q]));

            double max = double.NegativeInfinity, scaled = 0.0;
            for (var j = 0; j < logPrevious.Length; j++)
            {
                var term = logPrevious[j] + _kernel!.LogDensity(theta, previous.Particle(j));
                if (term == double.NegativeInfinity)
                    continue;
                if (term <= max)
                    scaled += PortableMath.Exp(term - max);
                else
                {
                    scaled = scaled * PortableMath.Exp(max - term) + 1.0;
                    max = term;
                }
            }
            logWeights[i] = logPrior - (max + PortableMath.Log(scaled));
        });

        var top = logWeights.Max();
        var weights = new double[logWeights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = PortableMath.Exp(logWeights[i] - top);
            sum += weights[i];
        }
        if (!(sum > 0.0 && double.IsFinite(sum)))
            throw new InvalidOperationException($"generation {_index}: the importance weights are degenerate (log weights up to {top})");
        for (var i = 0; i < weights.Length; i++)
            weights[i] /= sum;
        return weights;
    }
}
