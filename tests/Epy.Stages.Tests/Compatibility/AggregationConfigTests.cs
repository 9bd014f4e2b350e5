using Epy.Stages.Configs;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// epymodelingsuite's <c>schema/aggregation.py</c> (the exp_id form): every key is read with its meaning,
/// or refused as <c>not supported yet</c> at its own line.
/// </summary>
public sealed class AggregationConfigTests
{
    private const string File = "aggregation.yaml";

    private const string Output = """
        output:
          quantiles:
            transitions: [Hosp_to_R_total]
        """;

    private static ConfigLoadResult Parse(string yaml) => ConfigLoader.Parse(yaml, File);

    private static AggregationConfig Read(string yaml)
    {
        var result = Parse(yaml);
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        result.Document!.Kind.ShouldBe(ConfigKind.Aggregation);
        return result.Document.Aggregation!;
    }

    private static string Errors(string yaml) => string.Join("\n", Parse(yaml).Errors);

    [Fact]
    public void EveryKey_IsReadWithItsMeaning()
    {
        var config = Read("""
            aggregation:
              meta:
                description: all flu
                author: someone
              sources:
                - exp_id: flu-h1
                  run_id: 20261101-080000-00000001
                  weight: 0.25
                - exp_id: flu-h3
                  weight: 0.75
              method: weighted_sum
              sampling: random
              compartments: [Hosp_total, I]
              transitions: true
              method_options: {}
              output_config: output.yaml
            """);

        config.Meta!.Values["author"].Value.ShouldBe("someone");
        config.Sources.Select(s => (s.ExpId.Value, s.RunId.Value, s.Weight.Value)).ShouldBe(
            [("flu-h1", "20261101-080000-00000001", 0.25), ("flu-h3", "latest", 0.75)]);
        config.Sources[1].WantsLatest.ShouldBeTrue();
        config.Method.Value.ShouldBe(AggregationMethod.WeightedSum);
        config.Sampling.Value.ShouldBe("random");
        config.Compartments.Names.Select(n => n.Value).ShouldBe(["Hosp_total", "I"]);
        config.Transitions.All.ShouldBeTrue();
        config.OutputConfig.Value.ShouldBe("output.yaml");
        config.OutputConfig.Span.ShouldBe(new SourceSpan(File, 16, 18));
    }

    [Fact]
    public void Defaults_AreEpymodelingsuites_LatestRun_WeightOne_RandomSampling_NothingSelected()
    {
        var config = Read("""
            aggregation:
              sources:
                - exp_id: flu-h1
              method: sum
              transitions: [Hosp_to_R_total]
              output_config: output.yaml
            """);

        config.Sources[0].RunId.Value.ShouldBe("latest");
        config.Sources[0].Weight.Value.ShouldBe(1.0);
        config.Sampling.Value.ShouldBe("random");
        config.Compartments.All.ShouldBeFalse();
        config.Compartments.Names.ShouldBeEmpty();
        config.Meta.ShouldBeNull();
    }

    [Theory]
    [InlineData("bootstrap")]
    [InlineData("correlated")]
    public void MethodsEpymodelingsuiteDoesNotImplement_AreRefusedAtTheirLine(string method)
    {
        var errors = Errors($"""
            aggregation:
              sources: [{"{"}exp_id: a{"}"}]
              method: {method}
              transitions: true
              output_config: output.yaml
            """);

        errors.ShouldStartWith($"{File}:3:11: aggregation.method: {ConfigReader.NotSupportedYet} ('{method}'");
    }

    [Fact]
    public void OtherSamplings_AndMethodOptions_AreRefusedAtTheirLine()
    {
        var errors = Parse("""
            aggregation:
              sources: [{exp_id: a}]
              method: sum
              sampling: stratified
              transitions: true
              method_options:
                n_samples: 100
              output_config: output.yaml
            """).Errors.Select(e => e.ToString()).ToList();

        errors.ShouldBe([
            $"{File}:4:13: aggregation.sampling: {ConfigReader.NotSupportedYet} ('stratified'; the one sampling is 'random')",
            $"{File}:7:5: aggregation.method_options.n_samples: {ConfigReader.NotSupportedYet}",
        ]);
    }

    [Fact]
    public void TheMultistrainFormsKeys_AreRefusedAsNotSupportedYet()
    {
        var errors = Parse("""
            aggregation:
              bucket: gs://bucket/pipeline/flu
              random_seed: 1
              sources:
                - exp_id: a
                  strain: h1
                  trajectory_file: trajectories.csv.gz
              sampling:
                method: random
                n_samples: 100
              aggregate_method: sum
              method: sum
              transitions: true
              outputs:
                raw_trajectories: true
              output_config: output.yaml
            """).Errors.Select(e => e.ToString()).ToList();

        errors.ShouldBe([
            $"{File}:2:3: aggregation.bucket: {ConfigReader.NotSupportedYet}",
            $"{File}:3:3: aggregation.random_seed: {ConfigReader.NotSupportedYet}",
            $"{File}:11:3: aggregation.aggregate_method: {ConfigReader.NotSupportedYet}",
            $"{File}:14:3: aggregation.outputs: {ConfigReader.NotSupportedYet}",
            $"{File}:6:7: aggregation.sources[0].strain: {ConfigReader.NotSupportedYet}",
            $"{File}:7:7: aggregation.sources[0].trajectory_file: {ConfigReader.NotSupportedYet}",
            $"{File}:9:5: aggregation.sampling: {ConfigReader.NotSupportedYet} (the multistrain form with method and n_samples; write sampling: random)",
        ]);
    }

    [Fact]
    public void MissingAndMalformedValues_AreReportedWhereTheyAre()
    {
        var errors = Parse("""
            aggregation:
              sources:
                - run_id: latest
                  weight: heavy
                  site: h1
              method: median
              compartments: maybe
            """).Errors.Select(e => e.ToString()).ToList();

        errors.ShouldContain($"{File}:5:7: aggregation.sources[0].site: unknown key 'site'; allowed keys: exp_id, run_id, weight");
        errors.ShouldContain($"{File}:3:7: aggregation.sources[0].exp_id: missing required field 'exp_id': expected the source experiment's id");
        errors.ShouldContain($"{File}:4:15: aggregation.sources[0].weight: expected a number, found 'heavy'");
        errors.ShouldContain($"{File}:6:11: aggregation.method: unknown value 'median': expected one of sum, weighted_sum, bootstrap, correlated");
        errors.ShouldContain($"{File}:7:17: aggregation.compartments: expected true or false, found 'maybe'");
        errors.ShouldContain($"{File}:2:3: aggregation.output_config: missing required field 'output_config': expected the file name of an output config in this folder");
    }

    [Fact]
    public void AWeightWithPlainSum_AndNothingToAggregate_AreErrors()
    {
        var errors = Parse("""
            aggregation:
              sources:
                - exp_id: a
                  weight: 2
              method: sum
              output_config: output.yaml
            """).Errors.Select(e => e.ToString()).ToList();

        errors.ShouldContain($"{File}:2:3: aggregation: nothing to aggregate: set compartments or transitions to true or to a list of names");
        errors.ShouldContain($"{File}:4:15: aggregation.sources[0].weight: a weight other than 1 needs method: weighted_sum (sum adds the sources as they are)");
    }

    [Fact]
    public void AnEmptySourceList_IsAnError()
    {
        Errors("""
            aggregation:
              sources: []
              method: sum
              transitions: true
              output_config: output.yaml
            """).ShouldContain($"{File}:2:12: aggregation.sources: expected at least one source");
    }

    [Fact]
    public void TheLoader_PairsTheAggregationWithTheOutputConfigItNames()
    {
        using var repo = new TempForecastRepo();
        repo.Write("agg", "aggregation.yaml", "aggregation:\n  sources: [{exp_id: a}]\n  method: sum\n  transitions: true\n  output_config: totals.yaml\n");
        repo.Write("agg", "totals.yaml", Output);
        repo.Write("agg", "other-output.yaml", "output:\n  trajectories:\n    transitions: true\n");

        var experiment = AggregationLoader.TryLoad(repo.Root, "agg")!;

        experiment.Output.Quantiles!.Transitions.Names.Single().Value.ShouldBe("Hosp_to_R_total");
        experiment.Files.Select(f => Path.GetFileName(f.Path)).ShouldBe(["aggregation.yaml", "totals.yaml"]);
    }

    [Fact]
    public void TheLoader_LeavesModelExperimentsToExperimentLoader()
    {
        using var repo = new TempForecastRepo();
        repo.Write("model", "output.yaml", Output);

        AggregationLoader.TryLoad(repo.Root, "model").ShouldBeNull();
        AggregationLoader.TryLoad(repo.Root, "no-such-experiment").ShouldBeNull();
    }

    [Fact]
    public void AMissingOrWrongOutputConfig_IsAnErrorAtOutputConfig()
    {
        using var repo = new TempForecastRepo();
        var path = repo.Write("agg", "aggregation.yaml", "aggregation:\n  sources: [{exp_id: a}]\n  method: sum\n  transitions: true\n  output_config: nothing.yaml\n");

        var missing = Should.Throw<ConfigValidationException>(() => AggregationLoader.TryLoad(repo.Root, "agg"));
        missing.Errors.Single().ToString().ShouldBe($"{path}:5:18: aggregation.output_config: no file 'nothing.yaml' beside the aggregation config (found: aggregation.yaml)");

        repo.Write("agg", "nothing.yaml", "aggregation:\n  sources: [{exp_id: b}]\n  method: sum\n  transitions: true\n  output_config: aggregation.yaml\n");
        var wrong = Should.Throw<ConfigValidationException>(() => AggregationLoader.TryLoad(repo.Root, "agg"));
        wrong.Message.ShouldContain("aggregation.output_config: 'nothing.yaml' is not an output config");
        wrong.Message.ShouldContain("a second aggregation config");
    }

    [Fact]
    public void OutputKeysThatNeedACalibration_AreRefusedForAnAggregation()
    {
        using var repo = new TempForecastRepo();
        repo.Write("agg", "aggregation.yaml", "aggregation:\n  sources: [{exp_id: a}]\n  method: sum\n  transitions: true\n  output_config: output.yaml\n");
        var output = repo.Write("agg", "output.yaml", "output:\n  posteriors: true\n  flusight_format:\n    reference_date: 2025-01-04\n  model_meta:\n    projection_parameters: true\n");

        var errors = Should.Throw<ConfigValidationException>(() => AggregationLoader.TryLoad(repo.Root, "agg")).Errors.Select(e => e.ToString()).ToList();

        errors.ShouldBe([
            $"{output}:2:15: output.posteriors: {ConfigReader.NotSupportedYet} for an aggregation (aggregated trajectories have no posterior)",
            $"{output}:4:5: output.flusight_format: {ConfigReader.NotSupportedYet} for an aggregation",
            $"{output}:6:28: output.model_meta.projection_parameters: {ConfigReader.NotSupportedYet} for an aggregation (no projection of its own)",
        ]);
    }

    [Fact]
    public void AnAggregationBesideABasemodel_IsRefusedByBothLoaders()
    {
        using var repo = new TempForecastRepo();
        repo.Write("both", "basemodel.yaml", SampleConfigs.Basemodel);
        var aggregation = repo.Write("both", "aggregation.yaml", "aggregation:\n  sources: [{exp_id: a}]\n  method: sum\n  transitions: true\n  output_config: output.yaml\n");
        repo.Write("both", "output.yaml", Output);

        Should.Throw<ConfigValidationException>(() => AggregationLoader.TryLoad(repo.Root, "both"))
            .Message.ShouldContain("an aggregation experiment has no basemodel or modelset");
        repo.LoadFails("both").Errors.ShouldContain(e => e.File == aggregation && e.Field == "aggregation" && e.Message.Contains("cannot share an experiment", StringComparison.Ordinal));
    }
}
