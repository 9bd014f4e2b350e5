using Epy.Engine.Calibration;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Building;

/// <summary>The small SIR calibration of <see cref="SampleConfigs"/> on the shipped Massachusetts data.</summary>
public sealed class CalibrationBuilderTests : IDisposable
{
    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private (CalibrationPlan Plan, string ModelsetPath) Build(string modelset, bool writeObservations = true)
    {
        _repo.Write("sir", "basemodel.yaml", SampleConfigs.Basemodel);
        var path = _repo.Write("sir", "modelset.yaml", modelset);
        if (writeObservations)
        {
            Directory.CreateDirectory(Path.Combine(_repo.Root, "data"));
            var lines = Enumerable.Range(0, 20).Select(w => $"{new DateOnly(2024, 10, 5).AddDays(7 * w):yyyy-MM-dd},{10 * w}");
            File.WriteAllLines(Path.Combine(_repo.Root, "data", "obs.csv"), ["date,value", .. lines]);
        }
        var experiment = _repo.Load("sir");
        var model = ModelBuilder.ForLocation(experiment.Basemodel, SampleConfigs.Codebook.Find("US-MA")!, _repo.Root, TestData.EpydemixDataRoot);
        return (CalibrationBuilder.Build(experiment, model, _repo.Root, threads: 1), path);
    }

    [Fact]
    public void Build_SmallSir_MapsPriorsObservationsAndStrategy()
    {
        var (plan, _) = Build(SampleConfigs.Calibration);

        plan.Setup.Quantities.Select(q => (q.Name, q.Target)).ShouldBe(
            [("Rt", Engine.Sampling.SampleTarget.Parameter), ("I", Engine.Sampling.SampleTarget.InitialProportion), ("start_date", Engine.Sampling.SampleTarget.StartDateOffset)]);
        plan.Setup.Quantities[2].Prior.ShouldBe(new RandIntPrior(0, 30));
        plan.Setup.ReferenceDate.ShouldBe(new DateOnly(2024, 9, 1));
        plan.Setup.Observed.Dates.Count.ShouldBe(20);
        plan.Setup.Comparison.ShouldBe(["S_to_I_total", "I_to_R_18+"]);
        var smc = plan.Options.ShouldBeOfType<SmcOptions>();
        (smc.NumParticles, smc.NumGenerations, smc.Threads).ShouldBe((20, 3, 1));
        plan.Seed.ShouldBe(7UL);
        plan.ProjectionCount.ShouldBe(50);
    }

    [Fact]
    public void Build_UnknownStrategyOption_NamesFileLineAndField()
    {
        var modelset = SampleConfigs.Replace(SampleConfigs.Calibration, "num_generations: 3", "num_generation: 3");

        var error = Should.Throw<ConfigValidationException>(() => Build(modelset)).Errors.ShouldHaveSingleItem();

        error.File.ShouldEndWith("modelset.yaml");
        error.Line.ShouldBe(SampleConfigs.LineOf(modelset, "num_generation: 3"));
        error.Field.ShouldBe("modelset.calibration.strategy.options.num_generation");
    }

    [Fact]
    public void Build_MissingObservedFile_PointsAtObservedDataPath()
    {
        var error = Should.Throw<ConfigValidationException>(() => Build(SampleConfigs.Calibration, writeObservations: false)).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(SampleConfigs.LineOf(SampleConfigs.Calibration, "observed_data_path:"));
        error.Field.ShouldBe("modelset.calibration.observed_data_path");
        error.Message.ShouldContain("does not exist");
    }

    private static string WithSchedule(string schedule, string strategy = "SMC") =>
        SampleConfigs.Replace(SampleConfigs.Replace(SampleConfigs.Calibration, "num_generations: 3", $"num_generations: 3\n        epsilon_schedule: {schedule}"),
            "name: SMC", $"name: {strategy}");

    [Fact]
    public void Build_EpsilonSchedule_SetsTheEpsilonOfEveryGeneration()
    {
        var (plan, _) = Build(WithSchedule("[.inf, 1.0e9, 5.0e8]"));

        var result = AbcCalibration.Run(plan.Options, plan.Setup.Quantities, plan.DistanceModel, plan.Seed);

        plan.Options.ShouldBeOfType<SmcOptions>().EpsilonSchedule.ShouldBe([double.PositiveInfinity, 1e9, 5e8]);
        result.Generations.Select(g => g.Epsilon).ShouldBe([double.PositiveInfinity, 1e9, 5e8]);
    }

    [Fact]
    public void Build_EpsilonScheduleShorterThanTheGenerations_PointsAtTheSchedule()
    {
        var modelset = WithSchedule("[.inf, 100]");

        var error = Should.Throw<ConfigValidationException>(() => Build(modelset)).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(SampleConfigs.LineOf(modelset, "epsilon_schedule:"));
        error.Field.ShouldBe("modelset.calibration.strategy.options.epsilon_schedule");
        error.Message.ShouldContain("num_generations is 3");
    }

    [Fact]
    public void Build_EpsilonScheduleForRejection_IsAnUnknownOption()
    {
        var modelset = SampleConfigs.Replace(WithSchedule("[1, 2, 3]", "rejection"), "num_generations: 3", "epsilon: 5");

        var error = Should.Throw<ConfigValidationException>(() => Build(modelset)).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(SampleConfigs.LineOf(modelset, "epsilon_schedule:"));
        error.Message.ShouldContain("rejection takes no option 'epsilon_schedule'");
    }

    [Fact]
    public void Load_EpsilonScheduleWithZero_NamesTheValue()
    {
        var modelset = WithSchedule("[.inf, 0, 1]");

        var error = Should.Throw<ConfigValidationException>(() => Build(modelset)).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(SampleConfigs.LineOf(modelset, "epsilon_schedule:"));
        error.Field.ShouldBe("modelset.calibration.strategy.options.epsilon_schedule[1]");
        error.Message.ShouldContain("expected a number > 0 or .inf");
    }

    [Fact]
    public void Load_SecondComparison_IsRejectedAtItsLine()
    {
        var modelset = SampleConfigs.Replace(SampleConfigs.Calibration, "    fitting_window:",
            "      - observed_date_column: date\n        observed_value_column: value\n        simulation: [S_to_I_total]\n    fitting_window:");

        var error = Should.Throw<ConfigValidationException>(() => Build(modelset)).Errors.ShouldHaveSingleItem();

        error.File.ShouldEndWith("modelset.yaml");
        error.Line.ShouldBe(SampleConfigs.LineOf(modelset, "simulation: [S_to_I_total]") - 2);
        error.Field.ShouldBe("modelset.calibration.comparison[1]");
        error.Message.ShouldContain("only one comparison is supported");
    }
}
