using Epy.Engine.Calibration;

namespace Epy.Engine.Tests.Calibration;

public class AbcBudgetTests
{
    private static readonly NormalMeanModel Model = new(1.5);

    private static CalibrationResult Unlimited() => Toy.Run(Toy.Smc(particles: 100, generations: 6), Model, seed: 3);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Smc_BudgetRunsOutMidGeneration_DropsItAndKeepsTheCompletedOnes(int threads)
    {
        var unlimited = Unlimited();
        var before = unlimited.Generations.Take(3).Sum(g => g.Simulations);
        var budget = before + unlimited.Generations[3].Simulations / 2;
        var probe = new ProbeModel(Model, [Toy.MeanPrior]);

        var result = Toy.Run(Toy.Smc(particles: 100, generations: 6, threads: threads) with { TotalSimulationsBudget = budget }, probe, seed: 3);

        result.StopReason.ShouldBe(CalibrationStopReason.SimulationBudget);
        result.Generations.Length.ShouldBe(3);
        for (var g = 0; g < 3; g++)
            result.Generations[g].ShouldBeIdentical(unlimited.Generations[g]);
        probe.Simulations.ShouldBe(budget);
    }

    [Fact]
    public void Smc_BudgetJustEnoughForAGeneration_KeepsItAndStops()
    {
        var unlimited = Unlimited();
        var budget = unlimited.Generations.Take(2).Sum(g => g.Simulations);

        var result = Toy.Run(Toy.Smc(particles: 100, generations: 6, threads: 3) with { TotalSimulationsBudget = budget }, Model, seed: 3);

        result.StopReason.ShouldBe(CalibrationStopReason.SimulationBudget);
        result.Generations.Length.ShouldBe(2);
        result.Generations[1].ShouldBeIdentical(unlimited.Generations[1]);
    }

    [Fact]
    public void Smc_BudgetTooSmallForGenerationZero_ReturnsNoGeneration()
    {
        var result = Toy.Run(Toy.Smc(particles: 100) with { TotalSimulationsBudget = 99 }, Model);

        result.StopReason.ShouldBe(CalibrationStopReason.SimulationBudget);
        result.Generations.ShouldBeEmpty();
    }

    [Fact]
    public void Smc_WallTimeRunsOutMidGeneration_DropsItAndKeepsTheCompletedOnes()
    {
        var unlimited = Unlimited();
        var seconds = unlimited.Generations.Take(2).Sum(g => g.Simulations) + 10;
        var clock = new ManualTimeProvider();
        var probe = new ProbeModel(Model, [Toy.MeanPrior]) { Clock = clock };

        var result = Toy.Run(Toy.Smc(particles: 100, generations: 6) with { MaxTime = TimeSpan.FromSeconds(seconds) }, probe, seed: 3, time: clock);

        result.StopReason.ShouldBe(CalibrationStopReason.WallTime);
        result.Generations.Length.ShouldBe(2);
        result.Generations[1].ShouldBeIdentical(unlimited.Generations[1]);
        result.Generations[0].WallTimeSeconds.ShouldBe(100.0);
        result.Generations[1].WallTimeSeconds.ShouldBe(result.Generations[1].Simulations);
        probe.Simulations.ShouldBe(seconds);
    }

    [Fact]
    public void Rejection_BudgetRunsOut_KeepsTheParticlesAcceptedSoFar()
    {
        var options = new RejectionOptions { NumParticles = 1000, Epsilon = 0.3, TotalSimulationsBudget = 500 };
        var probe = new ProbeModel(Model, [Toy.MeanPrior]);

        var sequential = Toy.Run(options with { Threads = 1 }, probe);
        var parallel = Toy.Run(options with { Threads = 4 }, Model);

        sequential.StopReason.ShouldBe(CalibrationStopReason.SimulationBudget);
        var generation = sequential.Generations.ShouldHaveSingleItem();
        generation.Simulations.ShouldBe(500);
        generation.Count.ShouldBeInRange(1, 999);
        generation.Distances.ShouldAllBe(d => d < 0.3);
        probe.Simulations.ShouldBe(500);
        parallel.ShouldBeIdentical(sequential);
    }

    [Fact]
    public void Rejection_WallTimeRunsOut_StopsWithTheParticlesAcceptedSoFar()
    {
        var clock = new ManualTimeProvider();
        var probe = new ProbeModel(Model, [Toy.MeanPrior]) { Clock = clock };
        var options = new RejectionOptions { NumParticles = 1000, Epsilon = 0.3, Threads = 1, MaxTime = TimeSpan.FromSeconds(250) };

        var result = Toy.Run(options, probe, time: clock);

        result.StopReason.ShouldBe(CalibrationStopReason.WallTime);
        result.Generations[0].Simulations.ShouldBe(250);
        result.Generations[0].WallTimeSeconds.ShouldBe(250.0);
    }
}
