using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// The ABC-SMC proposal kernel K(θ | θ′), component by component, as epydemix's defaults:
/// a continuous value moves by Normal(0, σ) with σ = √2 × the previous generation's weighted standard
/// deviation of that value (Beaumont et al. 2009; epydemix uses the unweighted one); a discrete value
/// jumps with probability 0.3 to another value of its support, uniformly, and otherwise stays.
/// A continuous value with σ = 0 (all particles equal) stays put: its kernel is then a point mass.
/// </summary>
internal sealed class PerturbationKernel
{
    /// <summary>The probability that a discrete value leaves its current value.</summary>
    public const double JumpProbability = 0.3;

    private static readonly double LogSqrtTwoPi = 0.5 * PortableMath.Log(2.0 * Math.PI);
    private static readonly double LogStay = PortableMath.Log(1.0 - JumpProbability);

    private readonly Prior[] _priors;
    private readonly double[] _sigma;
    private readonly double[] _logNormalisation;
    private readonly long[] _supportSize;
    private readonly double[] _logJumpTo;

    /// <summary>Fits the kernel to a generation (<paramref name="particles"/> row by row, weights summing to 1).</summary>
    public PerturbationKernel(Prior[] priors, ReadOnlySpan<double> particles, ReadOnlySpan<double> weights)
    {
        var width = priors.Length;
        _priors = priors;
        _sigma = new double[width];
        _logNormalisation = new double[width];
        _supportSize = new long[width];
        _logJumpTo = new double[width];
        for (var q = 0; q < width; q++)
        {
            if (priors[q].IsDiscrete)
            {
                _supportSize[q] = SupportSize(priors[q]);
                _logJumpTo[q] = _supportSize[q] > 1 ? PortableMath.Log(JumpProbability / (_supportSize[q] - 1)) : double.NegativeInfinity;
                continue;
            }
            _sigma[q] = Math.Sqrt(2.0) * WeightedStandardDeviation(particles, weights, q, width);
            _logNormalisation[q] = PortableMath.Log(_sigma[q]) + LogSqrtTwoPi;
        }
    }

    /// <summary>σ of each continuous quantity (0 for discrete ones).</summary>
    public ReadOnlySpan<double> Sigma => _sigma;

    /// <summary>The number of values of a discrete prior's support.</summary>
    public static long SupportSize(Prior prior) => (long)(prior.Upper - prior.Lower) + 1;

    /// <summary>Writes into <paramref name="theta"/> a move away from <paramref name="from"/>.</summary>
    public void Propose(ReadOnlySpan<double> from, Span<double> theta, Xoshiro256 rng)
    {
        for (var q = 0; q < theta.Length; q++)
        {
            if (!_priors[q].IsDiscrete)
            {
                theta[q] = _sigma[q] > 0.0 ? from[q] + _sigma[q] * PortableGaussian.Next(rng) : from[q];
                continue;
            }

            theta[q] = from[q];
            if (_supportSize[q] > 1 && rng.NextDouble() < JumpProbability)
            {
                // Uniform over the other values: draw among size − 1 and skip over the current one.
                var lower = _priors[q].Lower;
                var other = rng.NextInt64(_supportSize[q] - 1);
                if (other >= (long)(from[q] - lower))
                    other++;
                theta[q] = lower + other;
            }
        }
    }

    /// <summary>log K(<paramref name="theta"/> | <paramref name="center"/>); −∞ where the kernel cannot reach.</summary>
    public double LogDensity(ReadOnlySpan<double> theta, ReadOnlySpan<double> center)
    {
        var sum = 0.0;
        for (var q = 0; q < theta.Length; q++)
        {
            if (_priors[q].IsDiscrete)
                sum += theta[q] == center[q] ? (_supportSize[q] > 1 ? LogStay : 0.0) : _logJumpTo[q];
            else if (_sigma[q] > 0.0)
            {
                var z = (theta[q] - center[q]) / _sigma[q];
                sum += -0.5 * z * z - _logNormalisation[q];
            }
            else if (theta[q] != center[q])
                return double.NegativeInfinity;
        }
        return sum;
    }

    private static double WeightedStandardDeviation(ReadOnlySpan<double> particles, ReadOnlySpan<double> weights, int q, int width)
    {
        double total = 0.0, mean = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            mean += weights[i] * particles[i * width + q];
        }
        mean /= total;
        var variance = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var deviation = particles[i * width + q] - mean;
            variance += weights[i] * deviation * deviation;
        }
        return Math.Sqrt(variance / total);
    }
}
