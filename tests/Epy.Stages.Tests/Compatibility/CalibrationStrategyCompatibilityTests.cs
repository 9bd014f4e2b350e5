using Epy.Engine.Calibration;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// <c>modelset.calibration.strategy.options</c> as epymodelingsuite passes them to epydemix's
/// <c>calibrate</c>: each option of run_smc, run_rejection and run_top_fraction accepted with its meaning,
/// <c>max_time</c> a pandas duration string, the rest refused.
/// </summary>
public sealed class CalibrationStrategyCompatibilityTests
{
    private const string SmcOptions = """
              name: SMC
              options:
                num_particles: 20
                num_generations: 3
        """;

    private static string WithStrategy(string strategy) =>
        SampleConfigs.Replace(SampleConfigs.Calibration, SmcOptions, strategy);

    private static ConfigLoadResult Parse(string yaml) => ConfigLoader.Parse(yaml, "modelset.yaml");

    private static AbcOptions Build(string yaml)
    {
        var parsed = Parse(yaml);
        parsed.Errors.ShouldBeEmpty();
        return StrategyOptionsBuilder.Build(parsed.Document!.Modelset!.Calibration!.Strategy, threads: 1);
    }

    private static ConfigError BuildFails(string yaml)
    {
        var parsed = Parse(yaml);
        parsed.Errors.ShouldBeEmpty();
        return Should.Throw<ConfigValidationException>(() => StrategyOptionsBuilder.Build(parsed.Document!.Modelset!.Calibration!.Strategy, threads: 1))
            .Errors.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("\"6h\"", 6 * 3600)]
    [InlineData("30min", 30 * 60)]
    [InlineData("1h30min", 90 * 60)]
    [InlineData("\"2 days\"", 2 * 86400)]
    public void MaxTime_DurationString_IsTheWallTimeLimit(string written, double seconds)
    {
        var yaml = WithStrategy($"""
                      name: smc
                      options:
                        num_particles: 20
                        max_time: {written}
                """);

        Build(yaml).MaxTime.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void MaxTime_OnRejection_IsTheWallTimeLimit()
    {
        var yaml = WithStrategy("""
                      name: rejection
                      options:
                        epsilon: 5.0
                        max_time: 45min
                """);

        var options = Build(yaml).ShouldBeOfType<RejectionOptions>();

        options.MaxTime.ShouldBe(TimeSpan.FromMinutes(45));
        options.Epsilon.ShouldBe(5.0);
    }

    [Theory]
    [InlineData("3600")]
    [InlineData("\"3600\"")]
    public void MaxTime_BareNumber_IsRefusedAsHavingNoUnit(string written)
    {
        var yaml = WithStrategy($"""
                      name: smc
                      options:
                        max_time: {written}
                """);

        var error = BuildFails(yaml);

        error.Field.ShouldBe("modelset.calibration.strategy.options.max_time");
        error.Line.ShouldBe(SampleConfigs.LineOf(yaml, "max_time:"));
        error.Message.ShouldContain("no unit");
    }

    [Fact]
    public void MaxTime_CalendarFrequency_IsRefused()
    {
        var yaml = WithStrategy("""
                      name: smc
                      options:
                        max_time: M
                """);

        BuildFails(yaml).Message.ShouldContain("not a fixed-length duration");
    }

    [Fact]
    public void MaxTime_OnTopFraction_IsRefusedAsEpydemixTakesNone()
    {
        var yaml = WithStrategy("""
                      name: top_fraction
                      options:
                        top_fraction: 0.1
                        Nsim: 50
                        max_time: 1h
                """);

        var error = BuildFails(yaml);

        error.Field.ShouldBe("modelset.calibration.strategy.options.max_time");
        error.Message.ShouldContain("run_top_fraction");
    }

    [Fact]
    public void EveryRunSmcOption_IsAcceptedWithItsMeaning()
    {
        var yaml = WithStrategy("""
                      name: smc
                      options:
                        num_particles: 30
                        num_generations: 4
                        epsilon_schedule: [.inf, 50, 20, 10]
                        epsilon_quantile_level: 0.4
                        minimum_epsilon: 2.5
                        total_simulations_budget: 5000
                        max_time: 2h
                        verbose: false
                """);

        var smc = Build(yaml).ShouldBeOfType<SmcOptions>();

        (smc.NumParticles, smc.NumGenerations, smc.EpsilonQuantileLevel, smc.MinimumEpsilon, smc.TotalSimulationsBudget, smc.MaxTime)
            .ShouldBe((30, 4, 0.4, (double?)2.5, (long?)5000, (TimeSpan?)TimeSpan.FromHours(2)));
        smc.EpsilonSchedule.ShouldBe([double.PositiveInfinity, 50, 20, 10]);
    }

    [Fact]
    public void EveryRunRejectionOption_IsAcceptedWithItsMeaning()
    {
        var yaml = WithStrategy("""
                      name: rejection
                      options:
                        epsilon: 12.5
                        num_particles: 40
                        total_simulations_budget: 900
                        max_time: 10min
                        verbose: true
                        progress_update_interval: 100
                """);

        var rejection = Build(yaml).ShouldBeOfType<RejectionOptions>();

        (rejection.Epsilon, rejection.NumParticles, rejection.TotalSimulationsBudget, rejection.MaxTime)
            .ShouldBe((12.5, 40, (long?)900, (TimeSpan?)TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void EveryRunTopFractionOption_IsAcceptedWithItsMeaning()
    {
        var yaml = WithStrategy("""
                      name: top_fraction
                      options:
                        top_fraction: 0.2
                        Nsim: 300
                        verbose: false
                """);

        var top = Build(yaml).ShouldBeOfType<TopFractionOptions>();

        (top.TopFraction, top.NumSimulations, top.MaxTime).ShouldBe((0.2, 300, (TimeSpan?)null));
    }

    [Theory]
    [InlineData("smc", "progress_update_interval: 10")]
    [InlineData("top_fraction", "num_particles: 10")]
    [InlineData("rejection", "num_generations: 3")]
    public void AnOptionTheStrategyDoesNotTake_IsRefused(string strategy, string option)
    {
        var yaml = WithStrategy($"""
                      name: {strategy}
                      options:
                        {option}
                """);

        var error = BuildFails(yaml);

        error.Line.ShouldBe(SampleConfigs.LineOf(yaml, option));
        error.Message.ShouldContain($"run_{strategy}");
    }

    [Theory]
    [InlineData("verbose: maybe", "true or false")]
    [InlineData("progress_update_interval: 0", "≥ 1")]
    public void PrintingOptions_AreChecked(string option, string expected)
    {
        var yaml = WithStrategy($"""
                      name: rejection
                      options:
                        {option}
                """);

        BuildFails(yaml).Message.ShouldContain(expected);
    }

    [Fact]
    public void Perturbations_IsRefusedAsNotSupportedYet()
    {
        var yaml = WithStrategy("""
                      name: smc
                      options:
                        perturbations:
                          Rt: custom
                """);

        var error = Parse(yaml).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("modelset.calibration.strategy.options.perturbations");
        error.Line.ShouldBe(SampleConfigs.LineOf(yaml, "perturbations:"));
        error.Message.ShouldStartWith(ConfigReader.NotSupportedYet);
    }
}
