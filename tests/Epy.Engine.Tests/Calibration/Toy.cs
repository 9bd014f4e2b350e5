using Epy.Engine.Calibration;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Calibration;

/// <summary>Builders and measurements shared by the calibration tests.</summary>
internal static class Toy
{
    public static readonly Prior MeanPrior = new TestUniform(-10.0, 10.0);

    public static CalibratedQuantity[] Mean() => [new("mu", SampleTarget.Parameter, MeanPrior)];

    public static CalibratedQuantity[] MeanAndCount(long low, long high) =>
        [new("mu", SampleTarget.Parameter, MeanPrior), new("k", SampleTarget.StartDateOffset, new TestRandInt(low, high))];

    public static SmcOptions Smc(int particles = 200, int generations = 6, int threads = 1) =>
        new() { NumParticles = particles, NumGenerations = generations, Threads = threads };

    public static CalibrationResult Run(AbcOptions options, IDistanceModel model, ulong seed = 1, CalibratedQuantity[]? quantities = null,
        TimeProvider? time = null) =>
        AbcCalibration.Run(options, quantities ?? Mean(), model, seed, time);

    public static double WeightedMean(double[] values, double[] weights) => values.Zip(weights, (x, w) => x * w).Sum();

    /// <summary>The smallest value whose cumulative weight reaches <paramref name="level"/>.</summary>
    public static double WeightedQuantile(double[] values, double[] weights, double level)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var cumulative = 0.0;
        foreach (var i in order)
        {
            cumulative += weights[i];
            if (cumulative >= level)
                return values[i];
        }
        return values[order[^1]];
    }

    public static (double Low, double High) Interval90(CalibrationGeneration generation, int quantity = 0)
    {
        var values = generation.Column(quantity);
        return (WeightedQuantile(values, generation.Weights, 0.05), WeightedQuantile(values, generation.Weights, 0.95));
    }

    /// <summary>Asserts two results are the same bit for bit, wall times aside.</summary>
    public static void ShouldBeIdentical(this CalibrationResult actual, CalibrationResult expected)
    {
        actual.Strategy.ShouldBe(expected.Strategy);
        actual.StopReason.ShouldBe(expected.StopReason);
        actual.Quantities.ShouldBe(expected.Quantities);
        actual.Targets.ShouldBe(expected.Targets);
        actual.Generations.Length.ShouldBe(expected.Generations.Length);
        for (var g = 0; g < expected.Generations.Length; g++)
            actual.Generations[g].ShouldBeIdentical(expected.Generations[g]);
    }

    public static void ShouldBeIdentical(this CalibrationGeneration actual, CalibrationGeneration expected)
    {
        actual.Index.ShouldBe(expected.Index);
        Bits(actual.Epsilon).ShouldBe(Bits(expected.Epsilon));
        actual.Particles.Select(Bits).ShouldBe(expected.Particles.Select(Bits));
        actual.Weights.Select(Bits).ShouldBe(expected.Weights.Select(Bits));
        actual.Distances.Select(Bits).ShouldBe(expected.Distances.Select(Bits));
        actual.Simulations.ShouldBe(expected.Simulations);
        actual.PriorRejections.ShouldBe(expected.PriorRejections);
        Bits(actual.AcceptanceRate).ShouldBe(Bits(expected.AcceptanceRate));
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
