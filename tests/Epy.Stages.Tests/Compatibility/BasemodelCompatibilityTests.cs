using Epy.Engine.Model;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>The <c>model</c> section read as epymodelingsuite reads it: each key accepted with its meaning, or refused.</summary>
public sealed class BasemodelCompatibilityTests : IDisposable
{
    private const string SchoolClosure = "    - type: school_closure\n      scaling_factor: 0.5";

    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private Experiment Load(string basemodel)
    {
        _repo.Write("sir", "basemodel.yaml", basemodel);
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Calibration);
        return _repo.Load("sir");
    }

    private ConfigError LoadFailsOnce(string basemodel)
    {
        _repo.Write("sir", "basemodel.yaml", basemodel);
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Calibration);
        return _repo.LoadFails("sir").Errors.ShouldHaveSingleItem();
    }

    private static LocationModel ForMassachusetts(Experiment experiment) =>
        ModelBuilder.ForLocation(experiment.Basemodel, SampleConfigs.Codebook.Find("US-MA")!, ".", TestData.EpydemixDataRoot);

    private static string WithInterventions(string entries) => SampleConfigs.Replace(SampleConfigs.Basemodel, SchoolClosure, entries);

    [Theory]
    [InlineData("layer", "contact_matrix_layer")]
    [InlineData("value", "override_value")]
    public void Interventions_OldKeyNames_AreRefusedNamingEpymodelingsuitesKey(string old, string replacement)
    {
        var error = LoadFailsOnce(WithInterventions($$"""
                - type: contact_matrix
                  contact_matrix_layer: work
                  scaling_factor: 0.9
                  start_date: "2024-12-20"
                  end_date: "2025-01-05"
                  {{old}}: 1
            """));

        error.Field.ShouldBe($"model.interventions[0].{old}");
        error.Message.ShouldContain($"'{replacement}'");
    }

    [Theory]
    [InlineData("- type: school_closure\n      scaling_factor: 0.5\n      start_date: \"2024-12-20\"", "model.interventions[0].start_date", "takes no 'start_date'")]
    [InlineData("- type: school_closure\n      scaling_factor: 0.5\n    - type: school_closure\n      scaling_factor: 0.3", "model.interventions", "at most one")]
    [InlineData("- type: contact_matrix\n      scaling_factor: 0.5\n      start_date: \"2024-12-20\"\n      end_date: \"2024-12-31\"", "model.interventions[0].contact_matrix_layer", "missing required field")]
    [InlineData("- type: contact_matrix\n      contact_matrix_layer: school\n      scaling_factor: 0.5\n      end_date: \"2024-12-31\"", "model.interventions[0].start_date", "missing required field")]
    [InlineData("- type: parameter\n      target_parameter: gamma\n      scaling_factor: 0.5\n      override_value: 0.1\n      start_date: \"2024-12-20\"\n      end_date: \"2024-12-31\"", "model.interventions[0]", "exactly one of 'scaling_factor' or 'override_value'")]
    [InlineData("- type: contact_matrix\n      contact_matrix_layer: school\n      override_value: 0.1\n      scaling_factor: 0.5\n      start_date: \"2024-12-20\"\n      end_date: \"2024-12-31\"", "model.interventions[0].override_value", "takes no 'override_value'")]
    public void Interventions_EpymodelingsuitesRules_AreEnforced(string entries, string field, string message)
    {
        var error = LoadFailsOnce(SampleConfigs.Replace(SampleConfigs.Basemodel, SchoolClosure, "    " + entries));

        error.Field.ShouldBe(field);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void SchoolClosure_ScalesTheSchoolLayerOnTheStatesCalendarAndFederalHolidays()
    {
        var model = ForMassachusetts(Load(SampleConfigs.Basemodel));

        var closures = model.Definition.ContactInterventions;

        closures.ShouldAllBe(c => c.Layer == "school" && c.ScalingFactor == 0.5);
        // Massachusetts' calendar: Thanksgiving Break ends on the Friday after Thanksgiving (2024-11-29).
        closures.ShouldContain(c => c.Name == "Thanksgiving Break" && c.End == new DateOnly(2024, 11, 29));
        // Martin Luther King Jr. Day 2025 (the third Monday of January) is a federal holiday outside any break.
        closures.ShouldContain(c => c.Start == new DateOnly(2025, 1, 20) && c.End == new DateOnly(2025, 1, 20));
        // Christmas Day falls inside Christmas Break, so it is not added again.
        closures.ShouldNotContain(c => c.Name == "Christmas Day" && c.Start.Year == 2024);
    }

    [Fact]
    public void SchoolClosure_NationalLocation_ClosesOnTheUnionOfStateBreaks()
    {
        var closures = SchoolCalendar.Closures("US", 2024, 2025);
        var massachusetts = SchoolCalendar.Closures("MA", 2024, 2025);

        closures.ShouldContain(c => c.Name == "US Combined School Closure");
        foreach (var b in massachusetts.Where(c => c.Name.Contains("Break", StringComparison.Ordinal)))
            closures.ShouldContain(c => c.Start <= b.Start && b.End <= c.End);
    }

    /// <summary>The parameter tables of <paramref name="model"/> from 2024-12-25 to 2025-02-10 with Rt = 1.5.</summary>
    private static (ParameterTables Tables, List<DateOnly> Dates) Tables(LocationModel model)
    {
        var definition = model.Definition;
        var grid = new TimeGrid(new(2024, 12, 25), new(2025, 2, 10), 1.0);
        var tables = ParameterTables.Evaluate([.. definition.Parameters, Parameter.Scalar("Rt", 1.5)], grid, 2, eigenvalue: 10.0,
            definition.ParameterOverrides, definition.Seasonality, definition.ParameterScalings);
        return (tables, [.. grid.Dates]);
    }

    [Fact]
    public void ParameterScaling_MultipliesTheSeasonalValueInTheWindow()
    {
        // epymodelingsuite applies seasonality, then scales the parameter's time series in the window;
        // the old builder replaced the parameter's expression there, dropping its seasonality, and
        // refused to scale a calibrated one.
        var basemodel = WithInterventions("""
                - type: parameter
                  target_parameter: beta
                  scaling_factor: 0.5
                  start_date: "2025-01-01"
                  end_date: "2025-01-31"
            """);
        var (scaled, dates) = Tables(ForMassachusetts(Load(basemodel)));
        var (unscaled, _) = Tables(ForMassachusetts(Load(SampleConfigs.Basemodel)));
        int inside = dates.IndexOf(new DateOnly(2025, 1, 15)) * 2, outside = dates.IndexOf(new DateOnly(2025, 2, 5)) * 2;

        scaled["beta"][inside].ShouldBe(0.5 * unscaled["beta"][inside], 1e-12);
        scaled["beta"][outside].ShouldBe(unscaled["beta"][outside], 1e-12);
        unscaled["beta"][inside].ShouldNotBe(unscaled["beta"][outside]);
    }

    [Fact]
    public void ParameterOverride_SetsTheValueInTheWindow()
    {
        var basemodel = WithInterventions("""
                - type: parameter
                  target_parameter: gamma
                  override_value: 0.05
                  start_date: "2025-01-01"
                  end_date: "2025-01-31"
            """);
        var (tables, dates) = Tables(ForMassachusetts(Load(basemodel)));

        tables["gamma"][dates.IndexOf(new DateOnly(2025, 1, 15)) * 2].ShouldBe(0.05);
        tables["gamma"][1].ShouldBe(0.25);
    }

    [Fact]
    public void CalibratedInit_AtLeastOne_IsAHeadCountNotAProportion()
    {
        // epymodelingsuite (calculate_compartment_initial_conditions): a drawn value ≥ 1 is a head count
        // spread by age share; the old recipe read every drawn value as a proportion (and refused 50).
        var model = ForMassachusetts(Load(SampleConfigs.Basemodel));

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 50 });

        (initial["I", 0] + initial["I", 1]).ShouldBe(50);
    }

    [Fact]
    public void CalibratedInit_BelowOne_IsAProportionOfEveryAgeGroup()
    {
        var model = ForMassachusetts(Load(SampleConfigs.Basemodel));

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 0.001 });

        initial["I", 0].ShouldBe((int)Math.Floor(0.001 * model.Population.Sizes[0]));
        initial["I", 1].ShouldBe((int)Math.Floor(0.001 * model.Population.Sizes[1]));
    }

    [Fact]
    public void ListInit_MixesHeadCountsAndProportionsPerAgeGroup()
    {
        var model = ForMassachusetts(Load(SampleConfigs.Replace(SampleConfigs.Basemodel, "      init: 0.25", "      init: [25, 0.1]")));

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 0 });

        initial["R", 0].ShouldBe(25);
        initial["R", 1].ShouldBe((int)Math.Floor(0.1 * model.Population.Sizes[1]));
    }

    [Fact]
    public void Init_ProportionsAbovePopulation_AreRefused()
    {
        var error = LoadFailsOnce(SampleConfigs.Replace(SampleConfigs.Basemodel, "      init: 0.25", "      init: 0.6\n    - id: E\n      init: [0.5, 10]"));

        error.Field.ShouldBe("model.compartments");
        error.Message.ShouldContain("'0-17' add up to 1.1");
    }

    private const string MediatedTransition = "    - type: mediated\n      source: S\n      target: I\n      mediator: I\n      rate: beta";

    [Fact]
    public void MultiMediated_BecomesOneMediatedTermPerEntryAndCompartment_SummedIntoOneFlow()
    {
        var basemodel = SampleConfigs.Replace(SampleConfigs.Basemodel, MediatedTransition, """
                - type: multi_mediated
                  source: S
                  target: I
                  mediators:
                    - rate: beta
                      source: [I]
                    - rate: beta*0.5
                      source: [I, R]
            """);
        var model = ForMassachusetts(Load(basemodel));

        model.Definition.Transitions.Take(3).ShouldBe([
            Transition.Mediated("S", "I", "I", "beta"),
            Transition.Mediated("S", "I", "I", "beta*0.5"),
            Transition.Mediated("S", "I", "R", "beta*0.5")]);
        var compiled = model.Compile(new(2024, 10, 1), new(2024, 11, 1), new Dictionary<string, double> { ["Rt"] = 1.5 }, new Dictionary<string, double> { ["I"] = 100 });
        compiled.Layout.FlowIndex("S_to_I").ShouldBeGreaterThanOrEqualTo(0);
    }

    [Theory]
    [InlineData("      rate: beta\n      mediators:\n        - rate: beta\n          source: [I]", "model.transitions[0].rate", "takes no 'rate'")]
    [InlineData("      mediator: I", "model.transitions[0].mediators", "missing required field 'mediators'")]
    [InlineData("      mediators:\n        - rate: beta\n          source: [X]", "model.transitions[0].mediators[0].source[0]", "unknown compartment 'X'")]
    public void MultiMediated_EpymodelingsuitesRules_AreEnforced(string body, string field, string message)
    {
        var basemodel = SampleConfigs.Replace(SampleConfigs.Basemodel, MediatedTransition, "    - type: multi_mediated\n      source: S\n      target: I\n" + body);

        _repo.Write("sir", "basemodel.yaml", basemodel);
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Calibration);
        var errors = _repo.LoadFails("sir").Errors;

        errors.ShouldContain(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

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

    [Fact]
    public void Init_SeveralDefaults_SplitTheRestEqually()
    {
        // epymodelingsuite: "If multiple default compartments, split remaining population equally".
        var model = ForMassachusetts(Load(SampleConfigs.Replace(SampleConfigs.Basemodel, "      init: 0.25", "      init: default")));

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 10 });

        for (var k = 0; k < 2; k++)
        {
            Math.Abs(initial["S", k] - initial["R", k]).ShouldBeLessThanOrEqualTo(1);
            (initial["S", k] + initial["I", k] + initial["R", k]).ShouldBe((int)model.Population.Sizes[k]);
        }
    }
}
