using Epy.Engine.Calibration;
using Epy.Engine.Randomness;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Calibration;

public class AbcOptionsTests
{
    public static TheoryData<AbcOptions, string> Invalid() => new()
    {
        { new SmcOptions { NumParticles = 0 }, "num_particles" },
        { new SmcOptions { NumGenerations = 0 }, "num_generations" },
        { new SmcOptions { EpsilonQuantileLevel = 0.0 }, "epsilon_quantile_level" },
        { new SmcOptions { EpsilonQuantileLevel = 1.5 }, "epsilon_quantile_level" },
        { new SmcOptions { MinimumEpsilon = 0.0 }, "minimum_epsilon" },
        { new SmcOptions { TotalSimulationsBudget = 0 }, "total_simulations_budget" },
        { new SmcOptions { NumGenerations = 3, EpsilonSchedule = [1.0, 0.5] }, "epsilon_schedule" },
        { new SmcOptions { NumGenerations = 2, EpsilonSchedule = [1.0, -0.5] }, "epsilon_schedule[1]" },
        { new SmcOptions { NumGenerations = 1, EpsilonSchedule = [double.NaN] }, "epsilon_schedule[0]" },
        { new SmcOptions { MaxTime = TimeSpan.Zero }, "max_time" },
        { new SmcOptions { Threads = 0 }, "threads" },
        { new RejectionOptions { NumParticles = -1 }, "num_particles" },
        { new RejectionOptions { Epsilon = 0.0 }, "epsilon" },
        { new RejectionOptions { Epsilon = double.NaN }, "epsilon" },
        { new RejectionOptions { TotalSimulationsBudget = -5 }, "total_simulations_budget" },
        { new TopFractionOptions { TopFraction = 0.0 }, "top_fraction" },
        { new TopFractionOptions { TopFraction = 1.01 }, "top_fraction" },
        { new TopFractionOptions { NumSimulations = 0 }, "Nsim" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_OutOfRange_NamesTheField(AbcOptions options, string field)
    {
        var error = Should.Throw<ModelValidationException>(() => options.Validate());

        error.Field.ShouldBe($"calibration.strategy.options.{field}");
    }

    [Fact]
    public void Run_InvalidOptions_ThrowsBeforeSimulating()
    {
        var probe = new ProbeModel(new NormalMeanModel(0.0), [Toy.MeanPrior]);

        Should.Throw<ModelValidationException>(() => Toy.Run(new SmcOptions { NumParticles = 0 }, probe));

        probe.Workers.ShouldBe(0);
    }

    [Fact]
    public void Defaults_AreEpydemixDefaultsAndValid()
    {
        var smc = new SmcOptions();
        var rejection = new RejectionOptions();
        var topFraction = new TopFractionOptions();

        (smc.NumParticles, smc.NumGenerations, smc.EpsilonQuantileLevel, smc.EpsilonSchedule).ShouldBe((1000, 10, 0.5, null));
        (rejection.NumParticles, rejection.Epsilon).ShouldBe((1000, 0.1));
        (topFraction.NumSimulations, topFraction.TopFraction).ShouldBe((100, 0.05));
        smc.Threads.ShouldBe(Environment.ProcessorCount);
        smc.Validate();
        rejection.Validate();
        topFraction.Validate();
        new SmcOptions { EpsilonSchedule = [double.PositiveInfinity, 1, 1, 1, 1, 1, 1, 1, 1, 0.5] }.Validate();
    }

    [Theory]
    [InlineData("smc", AbcStrategy.Smc)]
    [InlineData(" SMC ", AbcStrategy.Smc)]
    [InlineData("Rejection", AbcStrategy.Rejection)]
    [InlineData("top_fraction", AbcStrategy.TopFraction)]
    public void Parse_KnownName_IgnoresCase(string name, AbcStrategy expected)
    {
        AbcStrategyNames.Parse(name).ShouldBe(expected);
        expected.ToName().ShouldBe(name.Trim().ToLowerInvariant());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_UnknownName_NamesTheField(string? name) =>
        Should.Throw<ModelValidationException>(() => AbcStrategyNames.Parse(name)).Field.ShouldBe("calibration.strategy.name");

    [Fact]
    public void Run_DiscretePriorWithoutFiniteSupport_IsRejected()
    {
        var unbounded = new[] { new CalibratedQuantity("k", SampleTarget.Parameter, new UnboundedDiscrete()) };

        Should.Throw<ArgumentException>(() => Toy.Run(Toy.Smc(), new NormalMeanModel(0.0), quantities: unbounded));
    }

    private sealed record UnboundedDiscrete : Prior
    {
        public override bool IsDiscrete => true;

        public override double Lower => 0;

        public override double Upper => double.PositiveInfinity;

        public override double Sample(Xoshiro256 rng) => 0;

        public override double Density(double x) => x >= 0 && x == Math.Floor(x) ? 0.5 : 0.0;
    }
}
