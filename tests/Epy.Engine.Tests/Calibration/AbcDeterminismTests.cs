using CsCheck;
using Epy.Engine.Calibration;

namespace Epy.Engine.Tests.Calibration;

public class AbcDeterminismTests
{
    public static TheoryData<AbcOptions> Strategies() =>
    [
        Toy.Smc(particles: 100, generations: 5),
        new RejectionOptions { NumParticles = 100, Epsilon = 0.5, Threads = 1 },
        new TopFractionOptions { NumSimulations = 300, TopFraction = 0.1, Threads = 1 },
    ];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Run_AnyNumberOfThreads_GivesIdenticalResults(AbcOptions options)
    {
        var model = new NormalMeanModel(1.5);

        var sequential = Toy.Run(options with { Threads = 1 }, model, seed: 7);
        var two = Toy.Run(options with { Threads = 2 }, model, seed: 7);
        var eight = Toy.Run(options with { Threads = 8 }, model, seed: 7);

        two.ShouldBeIdentical(sequential);
        eight.ShouldBeIdentical(sequential);
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Run_SameSeedTwice_GivesIdenticalResults(AbcOptions options)
    {
        var model = new NormalMeanModel(1.5);

        Toy.Run(options with { Threads = 4 }, model, seed: 11).ShouldBeIdentical(Toy.Run(options with { Threads = 4 }, model, seed: 11));
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Run_DifferentSeeds_GiveDifferentParticles(AbcOptions options)
    {
        var model = new NormalMeanModel(1.5);

        var first = Toy.Run(options, model, seed: 1).Generations[^1];
        var second = Toy.Run(options, model, seed: 2).Generations[^1];

        first.Particles.SequenceEqual(second.Particles).ShouldBeFalse();
    }

    [Fact]
    public void Smc_WithDiscreteQuantity_IsIdenticalAcrossThreadCounts()
    {
        Gen.Select(Gen.ULong, Gen.Int[1, 40], Gen.Int[2, 6]).Sample((seed, particles, threads) =>
        {
            var options = Toy.Smc(particles: particles, generations: 3);
            var model = new ProbeModel(new NormalMeanModel(1.5), [Toy.MeanPrior, new TestRandInt(-2, 3)]) { DiscreteTarget = 1 };
            var quantities = Toy.MeanAndCount(-2, 3);

            var sequential = Toy.Run(options, model, seed, quantities);
            var parallel = Toy.Run(options with { Threads = threads }, model, seed, quantities);

            parallel.ShouldBeIdentical(sequential);
        }, iter: 20);
    }
}
