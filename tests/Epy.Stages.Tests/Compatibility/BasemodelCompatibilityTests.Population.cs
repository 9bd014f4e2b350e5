using Epy.Engine.Model;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary><c>model.population</c>, <c>population_names: all</c>, seasonality and vaccination.</summary>
public sealed partial class BasemodelCompatibilityTests
{
    [SharedDataFact]
    public void PopulationNamesAll_IncludesTheNation_AndTheBuilderBuildsIt()
    {
        string Shared(params string[] parts) => Path.Combine([TestData.SharedDataRoot!, "epymodelingsuite", .. parts]);
        var codebook = LocationCodebook.Load(Shared("reference-data", "location_codebook.csv"));
        _repo.Copy("all", Shared("example-configs", "flu_round05_basemodel_calibration.yml"));
        _repo.Write("all", "modelset.yml", File.ReadAllText(Shared("example-configs", "flu_round05_modelset_calibration.yml"))
            .Replace("    - US-MA\n    - US-NY # or 'all'", "    - all", StringComparison.Ordinal));
        var data = Path.Combine(_repo.Root, "data");
        Directory.CreateDirectory(data);
        File.Copy(Shared("observed", "vaccine_scenarios_2425_cd.csv"), Path.Combine(data, "vaccine_scenarios_2425_cd.csv"));
        var epydemixData = Path.Combine(TestData.SharedDataRoot!, "epydemix-data");

        var experiment = ExperimentLoader.Load(_repo.Root, "all", codebook, epydemixData);
        var nation = experiment.Locations.Single(l => l.Iso == LocationCodebook.NationalIso);
        var model = ModelBuilder.ForLocation(experiment.Basemodel, nation, _repo.Root, epydemixData);

        model.Population.Total.ShouldBeGreaterThan(300_000_000);
        model.Definition.ContactInterventions.ShouldContain(c => c.Name == "US Combined School Closure");
        model.Vaccination.ShouldNotBeNull();
    }

    private const string AgeGroups = "    age_groups: [\"0-17\", \"18+\"]";

    [Fact]
    public void Population_MetrocastLocation_IsRefusedNotSupportedYet()
    {
        var error = LoadFailsOnce(SampleConfigs.Replace(SampleConfigs.Basemodel, AgeGroups, AgeGroups + "\n    location_type: metrocast_location"));

        error.Field.ShouldBe("model.population.location_type");
        error.Message.ShouldStartWith(ConfigReader.NotSupportedYet);
    }

    [Fact]
    public void Population_ContactMatrixOfAnUnknownLocation_IsRefused()
    {
        var error = LoadFailsOnce(SampleConfigs.Replace(SampleConfigs.Basemodel, AgeGroups, AgeGroups + "\n    contact_matrix: US-XX"));

        error.Field.ShouldBe("model.population.contact_matrix");
        error.Message.ShouldContain("unknown location 'US-XX'");
    }

    [Fact]
    public void Population_ContactMatrix_KeepsTheSizesAndTakesTheOtherLocationsContacts()
    {
        var codebook = LocationCodebook.Parse(SampleConfigs.CodebookCsv + "\n\"United_States_New_Hampshire\",\"New Hampshire\",\"NH\",\"33\",\"US-NH\"\n", "codebook.csv");
        _repo.Write("sir", "basemodel.yaml", SampleConfigs.Replace(SampleConfigs.Basemodel, AgeGroups, AgeGroups + "\n    contact_matrix: US-NH"));
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Replace(SampleConfigs.Calibration, "    - US-NY\n", ""));
        var experiment = ExperimentLoader.Load(_repo.Root, "sir", codebook, TestData.EpydemixDataRoot);
        var massachusetts = codebook.Find("US-MA")!;
        var own = ModelBuilder.ForLocation(experiment.Basemodel, massachusetts, _repo.Root, TestData.EpydemixDataRoot).Population;
        var newHampshire = ModelBuilder.ForLocation(experiment.Basemodel, codebook.Find("US-NH")!, _repo.Root, TestData.EpydemixDataRoot).Population;

        experiment.ContactMatrixLocation!.Iso.ShouldBe("US-NH");
        var population = ModelBuilder.ForLocation(experiment.Basemodel, massachusetts, _repo.Root, TestData.EpydemixDataRoot, experiment.ContactMatrixLocation).Population;

        population.Sizes.ShouldBe(own.Sizes);
        population.Layers["school"].Values.ToArray().ShouldBe(newHampshire.Layers["school"].Values.ToArray());
        population.Layers["school"].Values.ToArray().ShouldNotBe(own.Layers["school"].Values.ToArray());
    }

    [Fact]
    public void Population_LocationTypeIso_IsAccepted()
    {
        var experiment = Load(SampleConfigs.Replace(SampleConfigs.Basemodel, "    age_groups: [\"0-17\", \"18+\"]", "    age_groups: [\"0-17\", \"18+\"]\n    location_type: iso"));

        experiment.Basemodel.Population.AgeGroups.Count.ShouldBe(2);
    }

    [Fact]
    public void Seasonality_TroughBeforePeak_IsRefused()
    {
        var error = LoadFailsOnce(SampleConfigs.Replace(SampleConfigs.Basemodel, "    seasonality_max_date: \"2024-12-01\"",
            "    seasonality_max_date: \"2024-12-01\"\n    seasonality_min_date: \"2024-06-01\""));

        error.Field.ShouldBe("model.seasonality.seasonality_min_date");
    }

    private const string SpontaneousTransition = "    - type: spontaneous\n      source: I\n      target: R\n      rate: gamma";

    private static string WithVaccination(string section) =>
        SampleConfigs.Replace(SampleConfigs.Basemodel, SpontaneousTransition,
            SpontaneousTransition + "\n    - type: vaccination\n      source: S\n      target: R") + "\n  vaccination:\n" + section + "\n    origin_compartment: S\n    eligible_compartments: [S]\n";

    private void WritePreprocessed()
    {
        var data = Path.Combine(_repo.Root, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "vax.csv"), """
            dates,scenario,location,0-17,18+
            2024-10-01,A,US-MA,10,20
            2024-10-02,A,US-MA,11,21
            2024-10-01,B,US-MA,1,2
            2024-10-01,A,US-NY,99,99
            """);
    }

    [Fact]
    public void PreprocessedVaccination_SelectsTheLocationAndScenario_DosesPerDay()
    {
        WritePreprocessed();
        var experiment = Load(WithVaccination("    preprocessed_vaccination_data_path: data/vax.csv\n    scenario: A"));

        var model = ModelBuilder.ForLocation(experiment.Basemodel, SampleConfigs.Codebook.Find("US-MA")!, _repo.Root, TestData.EpydemixDataRoot);

        model.Vaccination!.DosesOn(new(2024, 10, 2), 1).ShouldBe(21);
        model.Vaccination.DosesOn(new(2024, 10, 1), 0).ShouldBe(10);
        model.Vaccination.DosesOn(new(2024, 10, 3), 0).ShouldBe(0);
    }

    [Fact]
    public void PreprocessedVaccination_SeveralScenariosWithoutScenario_IsRefused()
    {
        WritePreprocessed();
        var experiment = Load(WithVaccination("    preprocessed_vaccination_data_path: data/vax.csv"));

        var error = Should.Throw<ConfigValidationException>(() =>
            ModelBuilder.ForLocation(experiment.Basemodel, SampleConfigs.Codebook.Find("US-MA")!, _repo.Root, TestData.EpydemixDataRoot)).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("model.vaccination.scenario");
    }

    [Theory]
    [InlineData("    scenario_data_path: data/a.csv\n    preprocessed_vaccination_data_path: data/vax.csv", "model.vaccination.preprocessed_vaccination_data_path")]
    [InlineData("    scenario: A", "model.vaccination.scenario_data_path")]
    public void Vaccination_ExactlyOneDataPath(string section, string field)
    {
        var error = LoadFailsOnce(WithVaccination(section));

        error.Field.ShouldBe(field);
    }
}
