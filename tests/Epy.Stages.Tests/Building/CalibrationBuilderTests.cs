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
}
