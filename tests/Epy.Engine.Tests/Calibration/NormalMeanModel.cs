using Epy.Engine.Calibration;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Calibration;

/// <summary>
/// The toy calibration problem: θ[0] is the mean μ of a Normal(μ, 1) observed 20 times; a simulation
/// draws 20 values from Normal(θ[0], 1) and the distance is |mean(simulated) − mean(observed)|.
/// </summary>
internal sealed class NormalMeanModel : IDistanceModel
{
    public const int Observations = 20;

    public NormalMeanModel(double trueMean, ulong seed = 2024)
    {
        TrueMean = trueMean;
        var rng = new Xoshiro256(seed);
        var sum = 0.0;
        for (var k = 0; k < Observations; k++)
            sum += trueMean + rng.NextStandardNormal();
        ObservedMean = sum / Observations;
    }

    public double TrueMean { get; }

    public double ObservedMean { get; }

    public IDistanceWorker CreateWorker() => new Worker(ObservedMean);

    public static double SimulatedMean(double mean, Xoshiro256 rng)
    {
        var sum = 0.0;
        for (var k = 0; k < Observations; k++)
            sum += mean + rng.NextStandardNormal();
        return sum / Observations;
    }

    private sealed class Worker(double observedMean) : IDistanceWorker
    {
        public double Distance(ReadOnlySpan<double> theta, Xoshiro256 rng, double threshold) => Math.Abs(SimulatedMean(theta[0], rng) - observedMean);
    }
}
