using Epy.Stages.ReferenceData;
using Epy.Stages.Configs;

namespace Epy.Stages.Tests.Configs;

/// <summary>epymodelingsuite's own example configs (../shared/data) load and validate.</summary>
public sealed class ExampleConfigsTests : IDisposable
{
    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static string Shared(params string[] parts) => Path.Combine([TestData.SharedDataRoot!, "epymodelingsuite", .. parts]);

    private static string Example(string name) => Shared("example-configs", name);

    private static LocationCodebook Codebook => LocationCodebook.Load(Shared("reference-data", "location_codebook.csv"));

    private static string EpydemixData => Path.Combine(TestData.SharedDataRoot!, "epydemix-data");

    [SharedDataFact]
    public void Calibration_ExampleWithOutput_LoadsAndValidates()
    {
        _repo.Copy("calibration", Example("flu_round05_basemodel_calibration.yml"));
        _repo.Copy("calibration", Example("flu_round05_modelset_calibration.yml"));
        _repo.Copy("calibration", Example("basic_output.yaml"));

        var experiment = ExperimentLoader.Load(_repo.Root, "calibration", Codebook, EpydemixData);

        experiment.Basemodel.Compartments.Count.ShouldBe(23);
        experiment.Basemodel.Transitions.Count.ShouldBe(27);
        experiment.Basemodel.Timespan.StartDate.Kind.ShouldBe(DateSettingKind.Calibrated);
        experiment.Calibration!.Strategy.Options["num_particles"].Value.Number.ShouldBe(20);
        experiment.Calibration.Parameters.Select(p => p.Name.Value).ShouldBe(["Rt", "seasonality_min"]);
        experiment.Output!.FlusightFormat!.RateTrends!.ObservedLocationColumn.Value.ShouldBe("geo_value");
        experiment.Locations.Select(l => l.Iso).ShouldBe(["US-MA", "US-NY"]);
        experiment.Files.Select(f => f.Kind).ShouldBe([ConfigKind.Output, ConfigKind.Basemodel, ConfigKind.CalibrationModelset]);
        experiment.Files.ShouldAllBe(f => f.Sha256.Length == 64);
    }

    [SharedDataFact]
    public void Sampling_Example_LoadsAndValidates()
    {
        _repo.Copy("sampling", Example("flu_round05_basemodel_sampling.yml"));
        _repo.Copy("sampling", Example("flu_round05_modelset_sampling.yml"));

        var experiment = ExperimentLoader.Load(_repo.Root, "sampling", Codebook, EpydemixData);

        var sampler = experiment.Sampling!.Samplers.ShouldHaveSingleItem();
        sampler.Strategy.ShouldBe(SamplerStrategy.Lhs);
        sampler.NSamples!.Value.ShouldBe(100);
        experiment.Sampling.Parameters.Single().Distribution!.Kwargs["some_other_param"].Value.Number.ShouldBe(100);
        experiment.Modelset!.Meta!.Values["version"].Value.ShouldBe("1.0.0");
        experiment.Output.ShouldBeNull();
    }

    [SharedDataFact]
    public void Calibration_ExampleWithAll_CoversTheWholeCodebookWithTheNation()
    {
        _repo.Copy("all", Example("flu_round05_basemodel_calibration.yml"));
        var modelset = File.ReadAllText(Example("flu_round05_modelset_calibration.yml"))
            .Replace("    - US-MA\n    - US-NY # or 'all'", "    - all", StringComparison.Ordinal);
        _repo.Write("all", "modelset.yml", modelset);

        var experiment = ExperimentLoader.Load(_repo.Root, "all", Codebook, EpydemixData);

        // epymodelingsuite expands 'all' to every codebook row, United_States included.
        experiment.Locations.Count.ShouldBe(Codebook.Entries.Count);
        experiment.Locations.ShouldContain(l => l.Iso == "US");
    }

    [SharedDataFact]
    public void Calibration_ExampleWithNegativeInit_PointsAtTheLine()
    {
        var text = File.ReadAllText(Example("flu_round05_basemodel_calibration.yml"));
        var broken = text.Replace("    - id: S_vax\n      label: \"Susceptible (vaccinated)\"\n",
            "    - id: S_vax\n      label: \"Susceptible (vaccinated)\"\n      init: -1.5\n", StringComparison.Ordinal);
        broken.ShouldNotBe(text);
        var path = _repo.Write("broken", "basemodel.yml", broken);
        _repo.Copy("broken", Example("flu_round05_modelset_calibration.yml"));

        var error = Should.Throw<ConfigValidationException>(() => ExperimentLoader.Load(_repo.Root, "broken", Codebook)).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(path);
        error.Line.ShouldBe(34);
        error.Column.ShouldBe(13);
        error.Field.ShouldBe("model.compartments[1].init");
    }
}
