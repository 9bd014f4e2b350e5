using System.Security.Cryptography;
using System.Text;
using Epy.Stages.Configs;
using static Epy.Stages.Tests.Configs.SampleConfigs;

namespace Epy.Stages.Tests.Configs;

public sealed class ExperimentLoaderTests : IDisposable
{
    private const string Exp = "exp1";
    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private (string Basemodel, string Modelset, string Output) WriteSample(string? basemodel = null, string? modelset = null, string? output = null) => (
        _repo.Write(Exp, "basemodel.yml", basemodel ?? Basemodel),
        _repo.Write(Exp, "modelset.yml", modelset ?? Calibration),
        _repo.Write(Exp, "output.yaml", output ?? Output));

    [Fact]
    public void Load_SampleExperiment_ClassifiesDigestsAndResolvesLocations()
    {
        var (basemodel, _, _) = WriteSample();

        var experiment = _repo.Load(Exp);

        experiment.Basemodel.Name!.Value.ShouldBe("sir");
        experiment.Calibration.ShouldNotBeNull();
        experiment.Output.ShouldNotBeNull();
        experiment.Files.Select(f => (Path.GetFileName(f.Path), f.Kind)).ShouldBe(
            [("basemodel.yml", ConfigKind.Basemodel), ("modelset.yml", ConfigKind.CalibrationModelset), ("output.yaml", ConfigKind.Output)]);
        experiment.Files[0].Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(basemodel))));
        experiment.Locations.Select(l => l.EpydemixName).ShouldBe(["United_States_Massachusetts", "United_States_New_York"]);
    }

    [Fact]
    public void Load_ModelsetWithAYamlSyntaxError_IsOneError_NotACascadeAboutTheMissingModelset()
    {
        var (_, modelset, _) = WriteSample(modelset: Calibration.Replace("calibration:\n", "calibration:\n\t  bad: 1\n", StringComparison.Ordinal));

        var errors = Should.Throw<ConfigValidationException>(() => _repo.Load(Exp)).Errors;

        errors.ShouldHaveSingleItem().File.ShouldBe(modelset);
        errors[0].Field.ShouldBe("(yaml)");
        errors[0].Line.ShouldBeGreaterThan(1, "the tab's own line, not the file's start");
    }

    [Fact]
    public void Load_CalibratedParameterWithoutPrior_NamesTheBasemodelLine()
    {
        var modelset = Replace(Calibration, "      Rt:\n        prior:\n          type: scipy\n          name: uniform\n          args: [1.0, 1.0]\n", "");
        var (basemodel, _, _) = WriteSample(modelset: modelset);

        var error = _repo.LoadFails(Exp).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(basemodel);
        error.Line.ShouldBe(LineOf(Basemodel, "type: calibrated"));
        error.Field.ShouldBe("model.parameters.Rt.type");
        error.Message.ShouldContain("no prior");
    }

    [Fact]
    public void Load_PriorForSomethingNotCalibrated_IsReported()
    {
        var modelset = Replace(Calibration, "      Rt:\n", "      gamma:\n        prior: {type: scipy, name: uniform, args: [0, 1]}\n      Rt:\n");
        var (_, path, _) = WriteSample(modelset: modelset);

        var error = _repo.LoadFails(Exp).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(path);
        error.Line.ShouldBe(LineOf(modelset, "gamma:"));
        error.Field.ShouldBe("modelset.calibration.parameters.gamma");
        error.Message.ShouldContain("age_varying");
    }

    [Fact]
    public void Load_ComparisonNamingAMissingTransition_PointsAtTheEntry()
    {
        var modelset = Replace(Calibration, "- I_to_R_18+", "- I_to_S_total");
        var (_, path, _) = WriteSample(modelset: modelset);

        var error = _repo.LoadFails(Exp).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(path);
        error.Line.ShouldBe(LineOf(modelset, "I_to_S_total"));
        error.Field.ShouldBe("modelset.calibration.comparison[0].simulation[1]");
        error.Message.ShouldContain("unknown transition 'I_to_S_total'");
    }

    [Fact]
    public void Load_UnknownIsoCode_IsReported()
    {
        var modelset = Replace(Calibration, "- US-NY", "- US-XX");
        WriteSample(modelset: modelset);

        var error = _repo.LoadFails(Exp).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(LineOf(modelset, "US-XX"));
        error.Field.ShouldBe("modelset.population_names[1]");
        error.Message.ShouldContain("unknown location 'US-XX'");
    }

    [Fact]
    public void Load_All_ExpandsToEveryCodebookRowWithTheNation()
    {
        WriteSample(modelset: Replace(Calibration, "    - US-MA\n    - US-NY", "    - all"));

        _repo.Load(Exp).Locations.Select(l => l.Iso).ShouldBe(["US", "US-MA", "US-NY"]);
    }

    [Fact]
    public void Load_LocationWithoutPopulationData_IsReported()
    {
        var data = Path.Combine(_repo.Root, "epydemix");
        Directory.CreateDirectory(Path.Combine(data, "data", "United_States_Massachusetts", "demographic"));
        File.WriteAllText(Path.Combine(data, "data", "United_States_Massachusetts", "demographic", "age_distribution.csv"), "group,value\n");
        WriteSample();

        var error = _repo.LoadFails(Exp, data).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("modelset.population_names[1]");
        error.Message.ShouldContain("United_States_New_York");
        error.Message.ShouldContain("age_distribution.csv");
    }

    [Fact]
    public void Load_TransitionToUndeclaredCompartmentAndUnknownParameter_AreReportedTogether()
    {
        var basemodel = Replace(Replace(Basemodel, "target: R", "target: D"), "rate: gamma", "rate: gamma*kappa");
        var (path, _, _) = WriteSample(basemodel: basemodel);

        var errors = _repo.LoadFails(Exp).Errors;

        errors.ShouldContain(e => e.File == path && e.Field == "model.transitions[1].target" && e.Line == LineOf(basemodel, "target: D") && e.Message.Contains("unknown compartment 'D'"));
        errors.ShouldContain(e => e.Field == "model.transitions[1].rate" && e.Message.Contains("unknown parameter 'kappa'"));
        errors.ShouldContain(e => e.Field == "modelset.calibration.comparison[0].simulation[1]");
    }

    [Fact]
    public void Load_AgeVaryingWithWrongCount_IsReported()
    {
        var basemodel = Replace(Basemodel, "values: [1/3, 1/4]", "values: [1/3, 1/4, 1/5]");
        WriteSample(basemodel: basemodel);

        var error = _repo.LoadFails(Exp).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("model.parameters.gamma.values");
        error.Message.ShouldContain("expected 2 values");
    }

    [Fact]
    public void Load_ScalarWithNames_AsksForCalculated()
    {
        WriteSample(basemodel: Replace(Basemodel, "values: [1/3, 1/4]", "values: [1/3, Rt]"));

        _repo.LoadFails(Exp).Errors.ShouldHaveSingleItem().Message.ShouldContain("type: calculated");
    }

    [Fact]
    public void Load_TwoBasemodels_IsAnError()
    {
        WriteSample();
        var second = _repo.Write(Exp, "zz_basemodel.yml", Basemodel);

        var error = _repo.LoadFails(Exp).Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(second);
        error.Line.ShouldBe(2);
        error.Field.ShouldBe("model");
        error.Message.ShouldContain("basemodel.yml is one already");
    }

    [Fact]
    public void Load_TwoOutputs_OutputYamlWins()
    {
        WriteSample();
        _repo.Write(Exp, "another_output.yml", Replace(Output, "projection_parameters: true", "projection_parameters: false"));

        var experiment = _repo.Load(Exp);

        experiment.Output!.ModelMeta!.ProjectionParameters.Value.ShouldBeTrue();
        experiment.Files.Select(f => Path.GetFileName(f.Path)).ShouldBe(["basemodel.yml", "modelset.yml", "output.yaml"]);
    }

    [Fact]
    public void Load_TwoOutputsNeitherNamedOutputYaml_IsAnError()
    {
        _repo.Write(Exp, "basemodel.yml", Basemodel);
        _repo.Write(Exp, "modelset.yml", Calibration);
        _repo.Write(Exp, "out_a.yml", Output);
        _repo.Write(Exp, "out_b.yml", Output);

        var error = _repo.LoadFails(Exp).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("output");
        error.Message.ShouldContain("output.yaml");
    }

    [Fact]
    public void Load_ErrorsInSeveralFiles_AreAllReportedTogether()
    {
        var basemodel = Replace(Basemodel, "init: 0.25", "init: -1.5");
        var modelset = Replace(Replace(Calibration, "- US-NY", "- US-XX"), "- I_to_R_18+", "- nowhere");
        var output = Replace(Output, "reference_date: \"2025-04-05\"", "reference_date: \"April 5\"");
        _repo.Write(Exp, "broken.yml", "model: [unclosed\n");
        WriteSample(basemodel, modelset, output);

        var exception = _repo.LoadFails(Exp);

        exception.Errors.Select(e => (Path.GetFileName(e.File), e.Field)).ShouldBe(
            [("basemodel.yml", "model.compartments[2].init"),
             ("broken.yml", "(yaml)"),
             ("output.yaml", "output.flusight_format.reference_date"),
             ("modelset.yml", "modelset.population_names[1]"),
             ("modelset.yml", "modelset.calibration.comparison[0].simulation[1]")],
            ignoreOrder: true);
        exception.Message.ShouldContain("5 configuration errors");
        exception.Message.ShouldContain($"basemodel.yml:{LineOf(basemodel, "init: -1.5")}:");
    }

    [Fact]
    public void Load_CalibratedQuantitiesWithSamplingModelset_AreRejected()
    {
        const string sampling = """
            modelset:
              population_names: [US-MA]
              sampling:
                samplers:
                  - strategy: grid
                    parameters: [Rt]
                parameters:
                  Rt:
                    values: [1.1, 1.3]
            """;
        WriteSample(modelset: sampling);

        var errors = _repo.LoadFails(Exp).Errors;

        errors.ShouldContain(e => e.Field == "model.timespan.start_date" && e.Message.Contains("calibrated, but the modelset samples"));
        errors.ShouldContain(e => e.Field == "modelset.sampling.samplers[0].parameters[0]" && e.Message.Contains("does not sample it"));
    }

    [Fact]
    public void Load_SampledModel_PairsSamplersWithDistributions()
    {
        var basemodel = Replace(Replace(Replace(Basemodel, "start_date: calibrated", "start_date: sampled"), "init: calibrated", "init: sampled"), "type: calibrated", "type: sampled");
        const string sampling = """
            modelset:
              population_names: [US-MA]
              sampling:
                samplers:
                  - strategy: lhs
                    n_samples: 10
                    compartments: [I]
                    parameters: [start_date]
                  - strategy: grid
                    parameters: [Rt]
                compartments:
                  I: {min: 0, max: 0.01}
                parameters:
                  Rt: {values: [1.1, 1.3]}
                start_date:
                  reference_date: 2024-10-01
                  distribution: {type: scipy, name: randint, args: [0, 30]}
            """;
        WriteSample(basemodel: basemodel, modelset: sampling, output: Replace(Output, "generations: [0, 2]", "generations: []"));

        var experiment = _repo.Load(Exp);

        experiment.Sampling!.Samplers.Select(s => s.Strategy).ShouldBe([SamplerStrategy.Lhs, SamplerStrategy.Grid]);
    }

    [Fact]
    public void Load_MissingExperiment_SaysWhichFolderWasExpected()
    {
        var error = _repo.LoadFails("nope").Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("exp_id");
        error.Message.ShouldContain(Path.Combine("experiments", "nope", "config"));
    }

    [Fact]
    public void Load_ExpIdClimbingOut_IsRejected()
    {
        _repo.LoadFails("../x").Errors.ShouldHaveSingleItem().Message.ShouldContain("not a valid experiment id");
    }

    [Fact]
    public void Load_Utf8Bytes_AreDigestedAsWritten()
    {
        WriteSample(basemodel: Replace(Basemodel, "small SIR", "petit SIR é"));

        var experiment = _repo.Load(Exp);

        var bytes = File.ReadAllBytes(experiment.Files[0].Path);
        Encoding.UTF8.GetString(bytes).ShouldContain("é");
        experiment.Files[0].Sha256.Length.ShouldBe(64);
    }
}
