using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Engine.Calibration;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.Pipeline;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>Task inputs are self-contained and versioned: the runner needs nothing else, and refuses a schema it does not read.</summary>
public sealed class SelfContainedInputTests : IDisposable
{
    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    private string InputPath => Path.Combine(_run.RunFolder, "builder-artifacts", "input_00000.json.gz");

    private string ResultPath => Path.Combine(_run.RunFolder, "runner-artifacts", "result_00000.json.gz");

    private JsonObject ReadInput()
    {
        using var gzip = new GZipStream(File.OpenRead(InputPath), CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!.AsObject();
    }

    private void WriteInput(JsonObject input)
    {
        using var gzip = new GZipStream(File.Create(InputPath), CompressionLevel.Optimal);
        JsonSerializer.Serialize(gzip, input);
    }

    [Fact]
    public void Runner_WithoutPopulationDataForecastRepositoryOrRunFolderCopies_Succeeds()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        Directory.Delete(_run.Repo, recursive: true);
        Directory.Delete(Path.Combine(_run.RunFolder, "config"), recursive: true);
        Directory.Delete(Path.Combine(_run.RunFolder, "builder-artifacts", "repo"), recursive: true);
        Directory.Delete(Path.Combine(_run.RunFolder, "builder-artifacts", "reference"), recursive: true);
        _run.Set("EPYDEMIX_DATA_DIR", Path.Combine(_run.Root, "nowhere"));
        _run.Set("FORECAST_REPO_DIR", Path.Combine(_run.Root, "nowhere"));

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.Success, _run.Log.ToString());

        File.Exists(ResultPath).ShouldBeTrue();
    }

    [Fact]
    public void Runner_FromItsInputAlone_ComputesWhatTheRepositoryAndPopulationDataGive()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        TaskResult result;
        using (var gzip = new GZipStream(File.OpenRead(ResultPath), CompressionMode.Decompress))
            result = JsonSerializer.Deserialize(gzip, PipelineJsonContext.Default.TaskResult)!;

        var codebook = LocationCodebook.Load(Path.Combine(_run.Repo, "data", "location_codebook.csv"));
        var experiment = ExperimentLoader.Load(_run.Repo, ExampleRun.ExpId, codebook, TestData.EpydemixDataRoot);
        var model = ModelBuilder.ForLocation(experiment.Basemodel, codebook.Find(result.Location)!, _run.Repo, TestData.EpydemixDataRoot);
        var plan = CalibrationBuilder.Build(experiment, model, _run.Repo);
        var direct = AbcCalibration.Run(plan.Options, plan.Setup.Quantities, plan.DistanceModel, result.Seed);
        var projection = Projector.Run(plan.DistanceModel, direct, Math.Max(plan.ProjectionCount, 1), result.Seed);

        var fromRunner = CalibrationResult.FromJson(result.Calibration!.Value.GetRawText());
        fromRunner.Generations.Select(g => g.Epsilon).ShouldBe(direct.Generations.Select(g => g.Epsilon));
        fromRunner.Generations.Last().Distances.ShouldBe(direct.Generations.Last().Distances);
        Projection.FromJson(result.Projection.GetRawText()).ToJson().ShouldBe(projection.ToJson());
    }

    [Fact]
    public void Builder_Input_EmbedsConfigsAggregatedPopulationAndObservations_InSnakeCase()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());

        var input = ReadInput();

        input["schema_version"]!.GetValue<int>().ShouldBe(TaskInput.CurrentSchema);
        input["kind"]!.GetValue<string>().ShouldBe("calibration");
        input["location_entry"]!["iso"]!.GetValue<string>().ShouldBe(input["location"]!.GetValue<string>());
        var population = input["population"]!;
        var groups = population["age_groups"]!.AsArray().Count;
        groups.ShouldBe(5);
        population["sizes"]!.AsArray().Count.ShouldBe(groups);
        var contacts = population["contacts"]!.AsObject();
        contacts.Select(c => c.Key).Order(StringComparer.Ordinal).ShouldBe(["community", "home", "school", "work"]);
        contacts.ShouldAllBe(layer => layer.Value!.AsArray().Count == groups && layer.Value!.AsArray().All(row => row!.AsArray().Count == groups));
        var observed = input["observed"]!;
        observed["dates"]!.AsArray().Count.ShouldBeGreaterThan(10);
        observed["dates"]!.AsArray().Count.ShouldBe(observed["values"]!.AsArray().Count);
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(_run.RunFolder, "builder-artifacts", "manifest.json")), PipelineJsonContext.Default.BuildManifest)!;
        input["configs"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["sha256"]!.GetValue<string>()))
            .ShouldBe(manifest.Configs.Select(c => (c.Name, c.Sha256)));
        input["configs"]!.AsArray().ShouldAllBe(c => c!["text"]!.GetValue<string>().Length > 0);
    }

    [Fact]
    public void StageDocuments_WriteEnumValuesInSnakeCase()
    {
        var input = new TaskInput(TaskInput.CurrentSchema, 3, TaskKind.Sampling, "exp", "20261124-101500-a1b2c3d4", "US-MA",
            new ReferenceData.LocationCodebookEntry("US-MA", "United_States_Massachusetts", "Massachusetts", "MA", "25"), 1, 2, [],
            new TaskPopulation("x", ["0-99"], [10], new Dictionary<string, IReadOnlyList<IReadOnlyList<double>>> { ["all"] = [[1.0]] }),
            null, null, 0, [new SampleValue("L", Engine.Sampling.SampleTarget.InitialProportion, 0.1), new SampleValue("start_date", Engine.Sampling.SampleTarget.StartDateOffset, 4)]);

        var json = JsonSerializer.Serialize(input, PipelineJsonContext.Default.TaskInput);

        json.ShouldContain("\"kind\": \"sampling\"");
        json.ShouldContain("\"target\": \"initial_proportion\"");
        json.ShouldContain("\"target\": \"start_date_offset\"");
        JsonSerializer.Deserialize(json, PipelineJsonContext.Default.TaskInput)!.Sample[1].Target.ShouldBe(Engine.Sampling.SampleTarget.StartDateOffset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Runner_InputOfAnotherSchema_ExitsThree_NamingTheVersions_AndWritesNoResult(int schema)
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        var input = ReadInput();
        input["schema_version"] = schema;
        WriteInput(input);

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain($"input_00000.json.gz has schema_version {schema}");
        _run.Log.ToString().ShouldContain($"reads schema {TaskInput.CurrentSchema} only");
        File.Exists(ResultPath).ShouldBeFalse();
    }

    [Fact]
    public void Runner_InputWithoutSchemaVersion_ExitsThree()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        var input = ReadInput();
        input.Remove("schema_version");
        WriteInput(input);

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("schema_version (none)");
    }

    [Fact]
    public void Runner_InputMissingItsPopulation_ExitsThree_AsCorrupted()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        var input = ReadInput();
        input.Remove("population");
        WriteInput(input);

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("input_00000.json.gz is corrupted");
        File.Exists(ResultPath).ShouldBeFalse();
    }

    [Fact]
    public void Runner_InputWithAMisshapenContactMatrix_ExitsThree_NamingTheLayer()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        var input = ReadInput();
        input["population"]!["contacts"]!["home"]!.AsArray().RemoveAt(0);
        WriteInput(input);

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("population.contacts.home");
    }

    [Fact]
    public void Runner_InputWhoseConfigTextDiffersFromItsDigest_ExitsThree()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        var input = ReadInput();
        var config = input["configs"]![0]!;
        config["text"] = config["text"]!.GetValue<string>() + "\n# edited\n";
        WriteInput(input);

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("does not match its SHA-256");
    }
}
