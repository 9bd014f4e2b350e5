using Epy.Engine.Calibration;

namespace Epy.Engine.Tests.Calibration;

public class AbcTopFractionTests
{
    [Theory]
    [InlineData(200, 0.1, 20)]
    [InlineData(100, 0.05, 5)]
    [InlineData(10, 1.0, 10)]
    [InlineData(7, 0.01, 1)]
    public void TopFraction_KeepsTheClosestFractionAsNumpysQuantile(int simulations, double fraction, int kept)
    {
        var probe = new ProbeModel(new NormalMeanModel(1.5), [Toy.MeanPrior]);

        var result = Toy.Run(new TopFractionOptions { NumSimulations = simulations, TopFraction = fraction, Threads = 3 }, probe);

        result.Strategy.ShouldBe(AbcStrategy.TopFraction);
        result.StopReason.ShouldBe(CalibrationStopReason.Completed);
        var generation = result.Generations.ShouldHaveSingleItem();
        generation.Count.ShouldBe(kept);
        generation.Simulations.ShouldBe(simulations);
        generation.Epsilon.ShouldBe(generation.Distances.Max());
        generation.Distances.Order().ShouldBe(probe.Seen.Select(s => s.Distance).Order().Take(kept));
        generation.Weights.Sum().ShouldBe(1.0, 1e-12);
    }

    [Fact]
    public void TopFraction_WallTimeRunsOut_SelectsAmongCompletedSimulations()
    {
        var clock = new ManualTimeProvider();
        var probe = new ProbeModel(new NormalMeanModel(1.5), [Toy.MeanPrior]) { Clock = clock };
        var options = new TopFractionOptions { NumSimulations = 100, TopFraction = 0.1, Threads = 1, MaxTime = TimeSpan.FromSeconds(41) };

        var result = Toy.Run(options, probe, time: clock);

        result.StopReason.ShouldBe(CalibrationStopReason.WallTime);
        result.Generations[0].Simulations.ShouldBe(41);
        result.Generations[0].Count.ShouldBe(5);
    }
}
