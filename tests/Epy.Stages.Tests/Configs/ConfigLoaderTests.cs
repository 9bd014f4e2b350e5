using Epy.Stages.Configs;
using static Epy.Stages.Tests.Configs.SampleConfigs;

namespace Epy.Stages.Tests.Configs;

public sealed class ConfigLoaderTests
{
    private const string File = "base.yml";

    private static ConfigError SingleError(string yaml)
    {
        var result = ConfigLoader.Parse(yaml, File);
        result.Errors.Count.ShouldBe(1, string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    [Fact]
    public void Parse_SampleBasemodel_ReadsEveryField()
    {
        var result = ConfigLoader.Parse(Basemodel, File);

        result.Errors.ShouldBeEmpty();
        result.Document!.Kind.ShouldBe(ConfigKind.Basemodel);
        var model = result.Document.Basemodel!;
        model.Name!.Value.ShouldBe("sir");
        model.RandomSeed!.Value.ShouldBe(7);
        model.Timespan.StartDate.Kind.ShouldBe(DateSettingKind.Calibrated);
        model.Timespan.EndDate.Value.ShouldBe(new DateOnly(2025, 5, 31));
        model.Simulation!.NSims!.Value.ShouldBe(10);
        model.Population.AgeGroups.Select(g => g.Value).ShouldBe(["0-17", "18+"]);
        model.Compartments.Select(c => c.Init.Kind).ShouldBe([CompartmentInitKind.Default, CompartmentInitKind.Calibrated, CompartmentInitKind.Proportion]);
        model.Transitions[0].Mediator!.Value.ShouldBe("I");
        model.Parameters.Single(p => p.Name.Value == "gamma").Values.Count.ShouldBe(2);
        model.Seasonality!.MinValue.Value.ShouldBe(0.6);
        model.Interventions.Single().Kind.ShouldBe(InterventionKind.SchoolClosure);
    }

    [Fact]
    public void Parse_Values_KeepTheirFileLineAndColumn()
    {
        var model = ConfigLoader.Parse(Basemodel, File).Document!.Basemodel!;

        var rt = model.Parameters.Single(p => p.Name.Value == "Rt");
        rt.Name.Span.ShouldBe(new SourceSpan(File, LineOf(Basemodel, "Rt:"), 5));
        model.Transitions[1].Rate!.Span.Line.ShouldBe(LineOf(Basemodel, "rate: gamma"));
        model.Transitions[1].Rate!.Span.Column.ShouldBe(13);
    }

    [Fact]
    public void Parse_TypoKey_NamesTheKeyAndTheAllowedOnes()
    {
        var yaml = Replace(Basemodel, "    delta_t: 1.0", "    delta_tt: 1.0");

        var error = SingleError(yaml);

        error.File.ShouldBe(File);
        error.Line.ShouldBe(LineOf(yaml, "delta_tt"));
        error.Column.ShouldBe(5);
        error.Field.ShouldBe("model.timespan.delta_tt");
        error.Message.ShouldContain("unknown key 'delta_tt'");
        error.Message.ShouldContain("start_date, end_date, delta_t");
    }

    [Fact]
    public void Parse_TypoOfARequiredKey_IsOneErrorThatSaysWhatWasMeant()
    {
        var yaml = Replace(Basemodel, "    delta_t: 1.0", "    delta_tt: 1.0").Replace("start_date:", "start_dat:", StringComparison.Ordinal);

        var errors = ConfigLoader.Parse(yaml, File).Errors;

        errors.Count.ShouldBe(2, string.Join("\n", errors));
        errors.ShouldContain(e => e.Field == "model.timespan.start_dat" && e.Message.Contains("did you mean 'start_date'?", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Field == "model.timespan.delta_tt" && e.Message.Contains("did you mean 'delta_t'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FarOffUnknownKey_ListsTheAllowedKeysWithoutAGuess()
    {
        var yaml = Replace(Basemodel, "    delta_t: 1.0", "    step_length: 1.0");

        var error = SingleError(yaml);

        error.Message.ShouldNotContain("did you mean");
        error.Message.ShouldContain("allowed keys: start_date, end_date, delta_t");
    }

    [Fact]
    public void Parse_WrongType_SaysWhatWasExpected()
    {
        var yaml = Replace(Basemodel, "n_sims: 10", "n_sims: many");

        var error = SingleError(yaml);

        error.Line.ShouldBe(LineOf(yaml, "n_sims: many"));
        error.Field.ShouldBe("model.simulation.n_sims");
        error.Message.ShouldContain("expected a whole number ≥ 1");
    }

    [Fact]
    public void Parse_BadDate_AsksForYyyyMmDd()
    {
        var yaml = Replace(Basemodel, "end_date: \"2025-05-31\"", "end_date: \"31/05/2025\"");

        var error = SingleError(yaml);

        error.Line.ShouldBe(LineOf(yaml, "31/05/2025"));
        error.Field.ShouldBe("model.timespan.end_date");
        error.Message.ShouldContain("yyyy-MM-dd");
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("-0.5")]
    public void Parse_InitOutOfRange_IsRejected(string init)
    {
        var yaml = Replace(Basemodel, "init: 0.25", $"init: {init}");

        var error = SingleError(yaml);

        error.Line.ShouldBe(LineOf(yaml, $"init: {init}"));
        error.Field.ShouldBe("model.compartments[2].init");
        error.Message.ShouldContain("a number ≥ 0");
    }

    [Theory]
    [InlineData("100", CompartmentInitKind.Count)]
    [InlineData("sampled", CompartmentInitKind.Sampled)]
    [InlineData("[10, 20]", CompartmentInitKind.PerAgeGroup)]
    public void Parse_InitForms_AreRecognised(string init, CompartmentInitKind kind)
    {
        var result = ConfigLoader.Parse(Replace(Basemodel, "init: 0.25", $"init: {init}"), File);

        result.Errors.ShouldBeEmpty();
        result.Document!.Basemodel!.Compartments[2].Init.Kind.ShouldBe(kind);
    }

    [Fact]
    public void Parse_MissingRequiredField_PointsAtItsParent()
    {
        var yaml = Replace(Basemodel, "      source: I\n", "");

        var error = SingleError(yaml);

        error.Field.ShouldBe("model.transitions[1].source");
        error.Line.ShouldBe(LineOf(yaml, "type: spontaneous"));
        error.Message.ShouldContain("missing required field 'source'");
    }

    [Fact]
    public void Parse_MalformedYaml_ReportsTheParserPosition()
    {
        const string yaml = "model:\n  timespan:\n    start_date: [2024-01-01\n  end_date: x\n";

        var result = ConfigLoader.Parse(yaml, File);

        result.Document.ShouldBeNull();
        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("(yaml)");
        error.Line.ShouldBeGreaterThanOrEqualTo(3);
        error.Message.ShouldStartWith("malformed YAML");
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_ListsTheKinds()
    {
        var error = SingleError("models:\n  name: x\n");

        error.Line.ShouldBe(1);
        error.Field.ShouldBe("(root).models");
        error.Message.ShouldContain("model, modelset, output");
    }

    [Fact]
    public void Parse_SeveralProblems_AreAllReported()
    {
        var yaml = Replace(Replace(Replace(Basemodel, "delta_t: 1.0", "delta_t: -1"), "init: 0.25", "init: -1.5"), "type: mediated", "type: contact");

        var result = ConfigLoader.Parse(yaml, File);

        result.Errors.Select(e => e.Field).ShouldBe(["model.timespan.delta_t", "model.compartments[2].init", "model.transitions[0].type"], ignoreOrder: true);
        result.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Parse_AgeVaryingWithValue_IsRejected()
    {
        var yaml = Replace(Basemodel, "values: [1/3, 1/4]", "value: 0.3");

        var result = ConfigLoader.Parse(yaml, File);

        result.Errors.Select(e => e.Field).ShouldBe(["model.parameters.gamma.value", "model.parameters.gamma.values"], ignoreOrder: true);
    }

    [Fact]
    public void Parse_MediatedWithoutMediator_IsRejected()
    {
        var yaml = Replace(Basemodel, "      mediator: I\n", "");

        SingleError(yaml).Field.ShouldBe("model.transitions[0].mediator");
    }

    [Fact]
    public void Parse_Calibration_ReadsStrategyInAnyCaseAndItsOptions()
    {
        var result = ConfigLoader.Parse(Calibration, "cal.yml");

        result.Errors.ShouldBeEmpty();
        result.Document!.Kind.ShouldBe(ConfigKind.CalibrationModelset);
        var calibration = result.Document.Modelset!.Calibration!;
        calibration.Strategy.Name.Value.ShouldBe("SMC");
        calibration.Strategy.Options["num_particles"].Value.Number.ShouldBe(20);
        calibration.Comparison.Single().Simulation.Count.ShouldBe(2);
        calibration.StartDate!.ReferenceDate.Value.ShouldBe(new DateOnly(2024, 9, 1));
        calibration.Projection!.NTrajectories.Value.ShouldBe(50);
    }

    [Fact]
    public void Parse_UnknownStrategyAndDistance_AreReportedWithTheirLines()
    {
        var yaml = Replace(Replace(Calibration, "name: SMC", "name: annealing"), "distance_function: rmse", "distance_function: euclid");

        var result = ConfigLoader.Parse(yaml, "cal.yml");

        result.Errors.Select(e => (e.Field, e.Line)).ShouldBe(
            [("modelset.calibration.strategy.name", LineOf(yaml, "annealing")), ("modelset.calibration.distance_function", LineOf(yaml, "euclid"))],
            ignoreOrder: true);
    }

    [Fact]
    public void Parse_BadPrior_IsCheckedByTheEngine()
    {
        var yaml = Replace(Calibration, "args: [1.0, 1.0]", "args: [1.0, -1.0]");

        var error = ConfigLoader.Parse(yaml, "cal.yml").Errors.ShouldHaveSingleItem();

        error.Field.ShouldStartWith("modelset.calibration.parameters.Rt.prior");
        error.Line.ShouldBe(LineOf(yaml, "Rt:") + 2);
        error.Message.ShouldContain("scale");
    }

    [Fact]
    public void Parse_PriorKwargs_ScipyNamesAreCheckedOthersKept()
    {
        var yaml = Replace(Calibration, "args: [1.0, 1.0]", "args: [1.0]\n          kwargs: {scale: 0, note: x}");

        var result = ConfigLoader.Parse(yaml, "cal.yml");

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("scale");
        result.Document!.Modelset!.Calibration!.Parameters.Single().Prior.Kwargs["note"].Value.Text.ShouldBe("x");
    }

    [Fact]
    public void Parse_ModelsetWithBothSamplingAndCalibration_IsRejected()
    {
        var yaml = Calibration + "\n  sampling:\n    samplers: []\n";

        ConfigLoader.Parse(yaml, "cal.yml").Errors.ShouldContain(e => e.Field == "modelset" && e.Message.Contains("exactly one of 'sampling' or 'calibration'"));
    }

    [Fact]
    public void Parse_Output_ReadsSelectionsAndPosteriors()
    {
        var result = ConfigLoader.Parse(Output, "output.yaml");

        result.Errors.ShouldBeEmpty();
        var output = result.Document!.Output!;
        output.Quantiles!.Compartments.All.ShouldBeTrue();
        output.Quantiles.Transitions.Names.Single().Value.ShouldBe("S_to_I_total");
        output.Trajectories!.Transitions.All.ShouldBeFalse();
        output.Posteriors!.Generations.Select(g => g.Value).ShouldBe([0, 2]);
        output.ModelMeta!.ProjectionParameters.Value.ShouldBeTrue();
    }

    [Fact]
    public void Parse_OutputSelectionOfWrongType_IsRejected()
    {
        var yaml = Replace(Output, "compartments: true", "compartments: 3");

        var error = SingleError(yaml);

        error.Field.ShouldBe("output.quantiles.compartments");
        error.Message.ShouldContain("true or false");
    }

    [Fact]
    public void ConfigError_ToString_IsFileLineColumnFieldMessage()
    {
        new ConfigError("a.yml", 3, 5, "model.name", "bad").ToString().ShouldBe("a.yml:3:5: model.name: bad");
    }
}
