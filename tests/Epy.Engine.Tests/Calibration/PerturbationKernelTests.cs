using Epy.Engine.Calibration;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Calibration;

public class PerturbationKernelTests
{
    [Fact]
    public void Sigma_IsSqrtTwoTimesTheWeightedStandardDeviation()
    {
        // Weighted mean 2, weighted variance 0.1·4 + 0.2·1 + 0.4·1 = 1.
        var kernel = new PerturbationKernel([new TestUniform(-10, 10)], [0.0, 1.0, 2.0, 3.0], [0.1, 0.2, 0.3, 0.4]);

        kernel.Sigma[0].ShouldBe(Math.Sqrt(2.0), 1e-15);
    }

    [Fact]
    public void Propose_Discrete_StaysWithProbabilitySevenTenthsElseJumpsUniformly()
    {
        var prior = new TestRandInt(0, 5);
        var kernel = new PerturbationKernel([prior], [2.0], [1.0]);
        var rng = new Xoshiro256(9);
        var counts = new int[5];
        var theta = new double[1];
        const int draws = 100_000;

        for (var n = 0; n < draws; n++)
        {
            kernel.Propose([2.0], theta, rng);
            theta[0].ShouldBe(Math.Floor(theta[0]));
            counts[(int)theta[0]]++;
        }

        (counts[2] / (double)draws).ShouldBe(0.7, 0.005);
        foreach (var other in new[] { 0, 1, 3, 4 })
            (counts[other] / (double)draws).ShouldBe(0.075, 0.004);
    }

    [Fact]
    public void LogDensity_IsTheProductOfNormalAndJumpKernels()
    {
        var kernel = new PerturbationKernel([new TestUniform(-10, 10), new TestRandInt(0, 5)], [0.0, 1.0, 2.0, 3.0], [0.5, 0.5]);
        var sigma = kernel.Sigma[0];
        double Normal(double x, double c) => Math.Exp(-0.5 * (x - c) * (x - c) / (sigma * sigma)) / (sigma * Math.Sqrt(2 * Math.PI));

        Math.Exp(kernel.LogDensity([0.4, 3.0], [0.0, 3.0])).ShouldBe(Normal(0.4, 0.0) * 0.7, 1e-12);
        Math.Exp(kernel.LogDensity([0.4, 1.0], [0.0, 3.0])).ShouldBe(Normal(0.4, 0.0) * 0.3 / 4, 1e-12);
    }

    [Fact]
    public void Kernel_ContinuousValuesAllEqual_StaysPut()
    {
        var kernel = new PerturbationKernel([new TestUniform(-10, 10)], [1.5, 1.5], [0.5, 0.5]);
        var theta = new double[1];

        kernel.Propose([1.5], theta, new Xoshiro256(1));

        theta[0].ShouldBe(1.5);
        kernel.LogDensity([1.5], [1.5]).ShouldBe(0.0);
        kernel.LogDensity([1.6], [1.5]).ShouldBe(double.NegativeInfinity);
    }

    [Theory]
    [InlineData(0.5, 2.5)]
    [InlineData(0.25, 1.75)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.0, 1.0)]
    public void LinearQuantile_MatchesNumpysDefault(double level, double expected) =>
        LinearQuantile.Of([4.0, 1.0, 3.0, 2.0], level).ShouldBe(expected);
}
