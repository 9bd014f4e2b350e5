using Epy.Stages.Configs;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// The keys of epymodelingsuite's calibration and sampling modelset schemas besides the strategy and the
/// projection: each accepted with its meaning, or refused at its line (<c>not supported yet</c> for what
/// epymodelingsuite accepts and this program does not implement).
/// </summary>
public sealed class ModelsetSchemaCompatibilityTests
{
    private static IReadOnlyList<ConfigError> Errors(string yaml) => ConfigLoader.Parse(yaml, "modelset.yaml").Errors;

    private static ModelsetConfig Modelset(string yaml)
    {
        var parsed = ConfigLoader.Parse(yaml, "modelset.yaml");
        parsed.Errors.ShouldBeEmpty();
        return parsed.Document!.Modelset!;
    }

    private static void ShouldBeNotSupported(string yaml, string field, string lineText)
    {
        var error = Errors(yaml).ShouldHaveSingleItem();
        error.Field.ShouldBe(field);
        error.Line.ShouldBe(SampleConfigs.LineOf(yaml, lineText));
        error.Message.ShouldStartWith(ConfigReader.NotSupportedYet);
    }

    private static string Calibration(string oldValue, string newValue) => SampleConfigs.Replace(SampleConfigs.Calibration, oldValue, newValue);

    [Fact]
    public void SampleCalibration_ReadsEveryKey()
    {
        var calibration = Modelset(SampleConfigs.Calibration).Calibration!;

        calibration.DistanceFunction.Value.ShouldBe("rmse");
        calibration.FittingWindow!.EndDate.Value.ShouldBe(new DateOnly(2025, 5, 17));
        calibration.StartDate!.ReferenceDate.Value.ShouldBe(new DateOnly(2024, 9, 1));
        calibration.Projection!.NTrajectories.Value.ShouldBe(50);
        calibration.Projection.GenerationNumber.ShouldBeNull();
    }

    [Fact]
    public void PostHocTransformation_IsNotSupportedYet()
    {
        var yaml = Calibration("    distance_function: rmse", "    post_hoc_transformation:\n      user_script_path: udf.py\n      user_function_name: f\n    distance_function: rmse");

        ShouldBeNotSupported(yaml, "modelset.calibration.post_hoc_transformation", "post_hoc_transformation:");
    }

    [Fact]
    public void UserDefinedDistanceFunction_IsNotSupportedYet()
    {
        var yaml = Calibration("    distance_function: rmse", "    distance_function:\n      user_script_path: udf.py\n      user_function_name: dist");

        ShouldBeNotSupported(yaml, "modelset.calibration.distance_function", "user_script_path");
    }

    [Fact]
    public void AbsoluteErrorDistance_IsNotSupportedYet()
    {
        var yaml = Calibration("distance_function: rmse", "distance_function: ae");

        ShouldBeNotSupported(yaml, "modelset.calibration.distance_function", "distance_function: ae");
    }

    [Theory]
    [InlineData("mae")]
    [InlineData("mape")]
    [InlineData("wmape")]
    public void EpydemixDistances_AreAccepted(string name) =>
        Modelset(Calibration("distance_function: rmse", $"distance_function: {name}")).Calibration!.DistanceFunction.Value.ShouldBe(name);

    [Fact]
    public void FittingWindow_IsRequired()
    {
        var yaml = Calibration("    fitting_window:\n      start_date: \"2024-09-15\"\n      end_date: \"2025-05-17\"\n", string.Empty);

        Errors(yaml).ShouldHaveSingleItem().Field.ShouldBe("modelset.calibration.fitting_window");
    }

    [Fact]
    public void FittingWindow_EndOnItsStart_IsRefused()
    {
        var yaml = Calibration("start_date: \"2024-09-15\"", "start_date: \"2025-05-17\"");

        Errors(yaml).ShouldHaveSingleItem().Message.ShouldContain("must be after start_date");
    }

    [Fact]
    public void StartDatePrior_ReachingPastTheFittingWindow_IsRefused()
    {
        var yaml = Calibration("args: [0, 30]", "args: [0, 300]");

        var error = Errors(yaml).ShouldHaveSingleItem();

        error.Field.ShouldBe("modelset.calibration.start_date.prior");
        error.Message.ShouldContain("2025-06-27");
    }

    [Fact]
    public void NothingCalibrated_IsRefused()
    {
        var yaml = """
            modelset:
              population_names: [US-MA]
              calibration:
                strategy: {name: smc}
                observed_data_path: data/obs.csv
                comparison:
                  - observed_date_column: date
                    observed_value_column: value
                    simulation: [S_to_I_total]
                fitting_window: {start_date: "2024-09-15", end_date: "2025-05-17"}
            """;

        Errors(yaml).ShouldHaveSingleItem().Message.ShouldContain("at least one of start_date, parameters or compartments");
    }

    [Fact]
    public void DistributionType_DefaultsToScipy()
    {
        var yaml = Calibration("          type: scipy\n          name: uniform\n          args: [1.0, 1.0]", "          name: uniform\n          args: [1.0, 1.0]");

        Modelset(yaml).Calibration!.Parameters.ShouldHaveSingleItem().Prior.Type.Value.ShouldBe("scipy");
    }

    [Fact]
    public void CustomDistribution_IsNotSupportedYet()
    {
        var yaml = Calibration("          type: scipy\n          name: uniform\n          args: [1.0, 1.0]", "          type: custom\n          name: uniform\n          args: [1.0, 1.0]");

        ShouldBeNotSupported(yaml, "modelset.calibration.parameters.Rt.prior.type", "type: custom");
    }

    [Fact]
    public void ScipyDistributionNotImplemented_IsNotSupportedYet()
    {
        var yaml = Calibration("          name: uniform\n          args: [1.0, 1.0]", "          name: gamma\n          args: [2.0]");

        ShouldBeNotSupported(yaml, "modelset.calibration.parameters.Rt.prior.name", "name: gamma");
    }

    [Fact]
    public void PopulationNameWithAType_IsNotSupportedYet()
    {
        var yaml = Calibration("    - US-NY", "    - {name: denver, type: metrocast_location}");

        ShouldBeNotSupported(yaml, "modelset.population_names[1]", "metrocast_location");
    }

    [Theory]
    [InlineData("all-states")]
    [InlineData("all-metrocast")]
    public void PopulationKeywordsOtherThanAll_AreNotSupportedYet(string keyword)
    {
        var yaml = Calibration("    - US-MA\n    - US-NY", $"    - {keyword}");

        ShouldBeNotSupported(yaml, "modelset.population_names[0]", keyword);
    }

    private const string Sampling = """
        modelset:
          meta:
            id: sweep
            description: "sampling"
            author: someone
            version: 1.0
            date: 2025-01-01
          population_names: [US-MA]
          sampling:
            samplers:
              - strategy: LHS
                n_samples: 10
                compartments: [I]
                parameters: [Rt, start_date]
              - strategy: grid
                parameters: [gamma]
            compartments:
              I: {min: 0.001, max: 0.01}
            parameters:
              Rt:
                distribution: {type: scipy, name: uniform, args: [1.0, 1.0]}
              gamma:
                values: [0.2, 0.25]
            start_date:
              reference_date: 2024-09-01
              distribution: {name: randint, args: [0, 10]}
        """;

    [Fact]
    public void SampleSampling_ReadsEveryKey()
    {
        var modelset = Modelset(Sampling);
        var sampling = modelset.Sampling!;

        modelset.Meta!.Values.Keys.ShouldBe(["id", "description", "author", "version", "date"], ignoreOrder: true);
        sampling.Samplers.Select(s => (s.Strategy, s.NSamples?.Value)).ShouldBe([(SamplerStrategy.Lhs, (int?)10), (SamplerStrategy.Grid, (int?)null)]);
        sampling.Compartments.ShouldHaveSingleItem().Min!.Value.ShouldBe(0.001);
        sampling.Parameters.Single(p => p.Name.Value == "gamma").Values.Select(v => v.Value).ShouldBe([0.2, 0.25]);
        sampling.StartDate!.Distribution.Name.Value.ShouldBe("randint");
    }

    [Fact]
    public void SamplingPopulations_RunsTheBasemodelInEachLocationWithoutSamplers()
    {
        var yaml = "modelset:\n  population_names: [US-MA, US-NY]\n  sampling: populations\n";

        var modelset = Modelset(yaml);

        modelset.Sampling!.Samplers.ShouldBeEmpty();
        modelset.PopulationNames.Select(p => p.Value).ShouldBe(["US-MA", "US-NY"]);
    }

    [Fact]
    public void Sampler_WithoutParameters_IsRefused()
    {
        var yaml = SampleConfigs.Replace(Sampling, "      - strategy: grid\n        parameters: [gamma]", "      - strategy: grid\n        compartments: [I]");

        Errors(yaml).ShouldContain(e => e.Field == "modelset.sampling.samplers[1].parameters");
    }

    [Fact]
    public void SampledCompartment_TakesMinAndMaxOnly()
    {
        var yaml = SampleConfigs.Replace(Sampling, "I: {min: 0.001, max: 0.01}", "I: {distribution: {name: uniform, args: [0, 1]}}");

        Errors(yaml).ShouldContain(e => e.Field == "modelset.sampling.compartments.I.distribution" && e.Message.Contains("allowed keys: min, max"));
    }

    [Fact]
    public void SampledParameter_TakesDistributionOrValuesOnly()
    {
        var yaml = SampleConfigs.Replace(Sampling, "values: [0.2, 0.25]", "min: 0.2\n        max: 0.3");

        Errors(yaml).ShouldContain(e => e.Field == "modelset.sampling.parameters.gamma.min" && e.Message.Contains("allowed keys: distribution, values"));
    }
}
