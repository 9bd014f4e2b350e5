using Epy.Engine.Calibration;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Calibration;

public class AbcSmcTests
{
    private const double TrueMean = 1.5;

    [Fact]
    public void Smc_NormalMean_PosteriorConcentratesNearTrueMean()
    {
        var result = Toy.Run(Toy.Smc(particles: 300, generations: 8), new NormalMeanModel(TrueMean));

        result.StopReason.ShouldBe(CalibrationStopReason.Completed);
        result.Generations.Length.ShouldBe(8);
        var last = result.Generations[^1];
        Toy.WeightedMean(last.Column(0), last.Weights).ShouldBe(TrueMean, 0.3);
        var (low, high) = Toy.Interval90(last);
        low.ShouldBeLessThan(TrueMean);
        high.ShouldBeGreaterThan(TrueMean);
    }

    [Fact]
    public void Smc_NormalMean_IntervalsShrinkAndEpsilonDecreasesStrictly()
    {
        var result = Toy.Run(Toy.Smc(particles: 300, generations: 8), new NormalMeanModel(TrueMean));

        var generations = result.Generations;
        double.IsPositiveInfinity(generations[0].Epsilon).ShouldBeTrue();
        for (var g = 1; g < generations.Length; g++)
            generations[g].Epsilon.ShouldBeLessThan(generations[g - 1].Epsilon);

        // Intervals narrow while ε is wider than the posterior, then settle at its width: the ABC
        // posterior tends to Normal(observed mean, 1/20) as ε → 0, whose 90% interval is 0.736 wide.
        var posteriorWidth = 2 * 1.6449 / Math.Sqrt(NormalMeanModel.Observations);
        var widths = generations.Select(generation => Toy.Interval90(generation)).Select(i => i.High - i.Low).ToArray();
        for (var g = 1; g < widths.Length; g++)
        {
            if (widths[g - 1] > 2 * posteriorWidth)
                widths[g].ShouldBeLessThan(widths[g - 1], $"widths {string.Join(", ", widths)}");
        }
        widths[^1].ShouldBe(posteriorWidth, 0.3 * posteriorWidth);
    }

    [Fact]
    public void Smc_EveryGeneration_HasNormalisedWeightsAndParticlesInsideSupportBelowEpsilon()
    {
        var result = Toy.Run(Toy.Smc(particles: 100, generations: 5), new NormalMeanModel(TrueMean));

        foreach (var generation in result.Generations)
        {
            generation.Count.ShouldBe(100);
            generation.Weights.Sum().ShouldBe(1.0, 1e-12);
            generation.Weights.ShouldAllBe(w => w > 0);
            generation.Column(0).ShouldAllBe(x => Toy.MeanPrior.Contains(x));
            generation.Distances.ShouldAllBe(d => d <= generation.Epsilon);
            generation.AcceptanceRate.ShouldBe(100.0 / generation.Simulations);
        }
        result.Generations.Skip(1).ShouldAllBe(g => g.Distances.All(d => d < g.Epsilon));
    }

    [Fact]
    public void Smc_ProposalOutsidePriorSupport_IsCountedAndNeverSimulated()
    {
        // A mean near the prior's edge: many perturbations land beyond 10.
        var probe = new ProbeModel(new NormalMeanModel(9.5), [Toy.MeanPrior]);

        var result = Toy.Run(Toy.Smc(particles: 100, generations: 5, threads: 2), probe);

        result.StopReason.ShouldBe(CalibrationStopReason.Completed);
        result.Generations[0].PriorRejections.ShouldBe(0);
        result.Generations.Skip(1).Sum(g => g.PriorRejections).ShouldBeGreaterThan(0);
        probe.Simulations.ShouldBe(result.Generations.Sum(g => g.Simulations));
    }

    [Fact]
    public void Smc_DiscreteQuantity_JumpsBetweenIntegersAndConcentratesOnTarget()
    {
        var probe = new ProbeModel(new NormalMeanModel(TrueMean), [Toy.MeanPrior, new TestRandInt(0, 8)]) { DiscreteTarget = 3 };

        var result = Toy.Run(Toy.Smc(particles: 200, generations: 8), probe, quantities: Toy.MeanAndCount(0, 8));

        foreach (var generation in result.Generations)
            generation.Column(1).ShouldAllBe(k => k == Math.Floor(k) && k >= 0 && k <= 7);
        probe.Seen.ShouldAllBe(s => s.Theta[1] == Math.Floor(s.Theta[1]));
        result.Generations[1].Column(1).Distinct().Count().ShouldBeGreaterThan(3);
        var last = result.Generations[^1];
        last.Column(1).Zip(last.Weights).Where(p => p.First == 3).Sum(p => p.Second).ShouldBeGreaterThan(0.95);
    }

    [Fact]
    public void Smc_EpsilonSchedule_SetsEachGenerationsThreshold()
    {
        double[] schedule = [4.0, 2.0, 1.0, 0.5];

        var result = Toy.Run(Toy.Smc(particles: 100, generations: 4) with { EpsilonSchedule = schedule }, new NormalMeanModel(TrueMean));

        result.Generations.Select(g => g.Epsilon).ShouldBe(schedule);
        result.Generations[0].Distances.ShouldAllBe(d => d <= 4.0);
        result.Generations[0].AcceptanceRate.ShouldBeLessThan(1.0);
    }

    [Fact]
    public void Smc_MinimumEpsilonReached_StopsAfterThatGeneration()
    {
        var result = Toy.Run(Toy.Smc(particles: 100, generations: 20) with { MinimumEpsilon = 0.5 }, new NormalMeanModel(TrueMean));

        result.StopReason.ShouldBe(CalibrationStopReason.MinimumEpsilon);
        result.Generations[^1].Epsilon.ShouldBeLessThanOrEqualTo(0.5);
        result.Generations[^2].Epsilon.ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void Smc_QuantileLevel_ChoosesThePreviousDistancesQuantile()
    {
        var result = Toy.Run(Toy.Smc(particles: 101, generations: 3) with { EpsilonQuantileLevel = 0.25 }, new NormalMeanModel(TrueMean));

        for (var g = 1; g < result.Generations.Length; g++)
        {
            var sorted = result.Generations[g - 1].Distances.Order().ToArray();
            result.Generations[g].Epsilon.ShouldBe(sorted[25]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Smc_Workers_AreCreatedAtMostOncePerThread(int threads)
    {
        var probe = new ProbeModel(new NormalMeanModel(TrueMean), [Toy.MeanPrior]);

        Toy.Run(Toy.Smc(particles: 100, generations: 4, threads: threads), probe);

        probe.Workers.ShouldBeInRange(1, threads);
    }

    [Fact]
    public void Smc_PerfectFit_StopsWhenEpsilonWouldReachZero()
    {
        var result = Toy.Run(Toy.Smc(particles: 10, generations: 5), new PerfectModel());

        result.StopReason.ShouldBe(CalibrationStopReason.MinimumEpsilon);
        result.Generations.ShouldHaveSingleItem().Distances.ShouldAllBe(d => d == 0.0);
    }

    [Fact]
    public void Smc_ReportsEachGeneration_AsItIsCompleted_WithTheResultsOwnGenerations()
    {
        var reported = new List<CalibrationGeneration>();

        var result = AbcCalibration.Run(Toy.Smc(particles: 50, generations: 4), Toy.Mean(), new NormalMeanModel(TrueMean), 1,
            progress: new Collect(reported));

        reported.Select(g => g.Index).ShouldBe([0, 1, 2, 3]);
        reported.ShouldBe(result.Generations);
    }

    private sealed class Collect(List<CalibrationGeneration> into) : IProgress<CalibrationGeneration>
    {
        public void Report(CalibrationGeneration value) => into.Add(value);
    }

    [Fact]
    public void Smc_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Should.Throw<OperationCanceledException>(() => AbcCalibration.Run(Toy.Smc(threads: 2), Toy.Mean(), new NormalMeanModel(TrueMean), 1,
            cancellationToken: cancellation.Token));
    }

    private sealed class PerfectModel : IDistanceModel, IDistanceWorker
    {
        public IDistanceWorker CreateWorker() => this;

        public double Distance(ReadOnlySpan<double> theta, Xoshiro256 rng, double threshold) => 0.0;
    }
}
