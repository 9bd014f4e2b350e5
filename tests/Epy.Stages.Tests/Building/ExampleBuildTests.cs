using System.Diagnostics;
using Epy.Engine.Calibration;
using Epy.Engine.Sampling;
using Epy.Engine.Simulation;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Building;

/// <summary>epymodelingsuite's example configs (../shared/data) build and run with the engine for US-MA.</summary>
public sealed class ExampleBuildTests : IDisposable
{
    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static string Shared(params string[] parts) => Path.Combine([TestData.SharedDataRoot!, "epymodelingsuite", .. parts]);

    private static LocationCodebook Codebook => LocationCodebook.Load(Shared("reference-data", "location_codebook.csv"));

    private static string EpydemixData => Path.Combine(TestData.SharedDataRoot!, "epydemix-data");

    private Experiment LoadExample(string expId, string kind, Func<string, string>? editModelset = null)
    {
        _repo.Copy(expId, Shared("example-configs", $"flu_round05_basemodel_{kind}.yml"));
        var modelset = File.ReadAllText(Shared("example-configs", $"flu_round05_modelset_{kind}.yml"));
        _repo.Write(expId, $"flu_round05_modelset_{kind}.yml", editModelset is null ? modelset : editModelset(modelset));
        var data = Path.Combine(_repo.Root, "data");
        Directory.CreateDirectory(data);
        foreach (var file in new[] { "flu_hosp_24.csv", "vaccine_scenarios_2425_cd.csv" })
            File.Copy(Shared("observed", file), Path.Combine(data, file));
        return ExperimentLoader.Load(_repo.Root, expId, Codebook, EpydemixData);
    }

    [SharedDataFact]
    public void Calibration_Example_CalibratesAndProjectsMassachusettsWithVaccination()
    {
        var experiment = LoadExample("calibration", "calibration", text => SampleConfigs.Replace(text, "num_generations: 5", "num_generations: 2"));
        var clock = Stopwatch.StartNew();

        var model = ModelBuilder.ForLocation(experiment.Basemodel, Codebook.Find("US-MA")!, _repo.Root, EpydemixData);
        var plan = CalibrationBuilder.Build(experiment, model, _repo.Root);
        var result = AbcCalibration.Run(plan.Options, plan.Setup.Quantities, plan.DistanceModel, plan.Seed);
        var projection = Projector.Run(plan.DistanceModel, result, 3, plan.Seed);

        model.Vaccination.ShouldNotBeNull().Weeks.Count.ShouldBe(44);
        plan.Options.ShouldBeOfType<SmcOptions>().NumParticles.ShouldBe(20);
        plan.Setup.Quantities.Select(q => q.Name).ShouldBe(["Rt", "seasonality_min", "L", "Initial_immune", "start_date"]);
        plan.Setup.ReferenceDate.ShouldBe(new DateOnly(2024, 9, 15));
        plan.Setup.Observed.Last.ShouldBe(new DateOnly(2025, 5, 10)); // the data end there, inside the fitting window
        plan.ProjectionCount.ShouldBe(100);
        result.Generations.Length.ShouldBe(2);
        projection.Trajectories.Count.ShouldBe(3);
        projection.Series(0, "S_to_S_vax_total").Sum().ShouldBeGreaterThan(0);
        projection.Series(0, "Home_sev_to_Hosp_total").Sum().ShouldBeGreaterThan(0);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
    }

    [SharedDataFact]
    public void Calibration_LocationMissingFromTheVaccineScenario_PointsAtScenarioDataPath()
    {
        var experiment = LoadExample("calibration", "calibration");
        var nowhere = Codebook.Find("US-MA")! with { Name = "Atlantis" };

        var error = Should.Throw<ConfigValidationException>(() => ModelBuilder.ForLocation(experiment.Basemodel, nowhere, _repo.Root, EpydemixData))
            .Errors.ShouldHaveSingleItem();

        error.File.ShouldEndWith("flu_round05_basemodel_calibration.yml");
        error.Line.ShouldBe(SampleConfigs.LineOf(File.ReadAllText(error.File), "scenario_data_path:"));
        error.Field.ShouldBe("model.vaccination.scenario_data_path");
        error.Message.ShouldContain("Geography 'Atlantis'");
    }

    [SharedDataFact]
    public void Sampling_Example_BuildsItsSampleSetAndSimulatesRows()
    {
        var experiment = LoadExample("sampling", "sampling");

        var model = ModelBuilder.ForLocation(experiment.Basemodel, Codebook.Find("US-MA")!, _repo.Root, EpydemixData);
        var plan = SamplingBuilder.Build(experiment, model);

        plan.Samples.Count.ShouldBe(100);
        plan.Samples.Dimensions.Select(d => (d.Name, d.Target)).ShouldBe(
            [("L", SampleTarget.InitialProportion), ("I_symp", SampleTarget.InitialProportion), ("start_date", SampleTarget.StartDateOffset), ("Rt", SampleTarget.Parameter)]);
        plan.Samples.Column("start_date").ShouldAllBe(d => d >= 0 && d < 30 && d == Math.Floor(d));
        plan.Samples.Column("Rt").ShouldAllBe(r => r >= 0 && r <= 2);
        for (var row = 0; row < 3; row++)
        {
            var compiled = plan.Compile(row);
            compiled.Grid.Start.ShouldBe(plan.StartDate(row));
            var output = new Simulator(compiled).Run((ulong)row);
            output.Series("S_to_S_vax_total").Sum().ShouldBeGreaterThan(0);
        }
    }
}
