using System.IO.Compression;
using System.Text.Json;
using Epy.Stages.Outputs;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>builder → runner → output on the example forecast repository, in a temporary folder.</summary>
public sealed class StagesEndToEndTests : IDisposable
{
    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    private string Output(string name) => Path.Combine(_run.RunFolder, "outputs", name);

    private RunMetadata Metadata() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(_run.RunFolder, "run_metadata.json")), PipelineJsonContext.Default.RunMetadata)!;

    /// <summary>Pretends the builder made two tasks, so task 1's result is missing.</summary>
    private void AddMissingTask()
    {
        var path = Path.Combine(_run.RunFolder, "builder-artifacts", "manifest.json");
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), PipelineJsonContext.Default.BuildManifest)!;
        manifest = manifest with { TaskCount = 2, Tasks = [.. manifest.Tasks, manifest.Tasks[0] with { Index = 1, Id = "00001-US-MA" }] };
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(manifest, PipelineJsonContext.Default.BuildManifest));
    }

    [Fact]
    public void Example_BuilderRunnerOutput_WritesEveryOutputAndAValidHubFile()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        _run.Stage("output").ShouldBe(0, _run.Log.ToString());

        foreach (var name in new[]
        {
            OutputFileNames.QuantilesCompartments, OutputFileNames.QuantilesTransitions, OutputFileNames.TrajectoriesCompartments,
            OutputFileNames.TrajectoriesTransitions, OutputFileNames.Posteriors, OutputFileNames.ModelMetadata, OutputFileNames.HubFormatted,
        })
        {
            File.Exists(Output(name)).ShouldBeTrue(name);
        }
        using (var hub = new StringReader(GzipCsv.ReadAllText(Output(OutputFileNames.HubFormatted))))
            HubFormatCheck.Validate(hub).ShouldBeEmpty();
        File.Exists(Path.Combine(_run.RunFolder, "builder-artifacts", "input_00000.json.gz")).ShouldBeTrue();
        File.Exists(Path.Combine(_run.RunFolder, "runner-artifacts", "result_00000.json.gz")).ShouldBeTrue();
        File.Exists(Path.Combine(_run.RunFolder, "summaries", "builder.txt")).ShouldBeTrue();
        var metadata = Metadata();
        metadata.TaskCount.ShouldBe(1);
        metadata.ResultsUsed.ShouldBe(1);
        metadata.MissingResults.ShouldBeEmpty();
        metadata.Configs.Select(c => c.Name).ShouldBe(["basemodel.yml", "modelset.yml", "output.yaml"]);
    }

    [Fact]
    public void Runner_DoesNotNeedTheForecastRepository()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        Directory.Delete(_run.Repo, recursive: true);

        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        _run.Stage("output").ShouldBe(0, _run.Log.ToString());
    }

    [Fact]
    public void Builder_BadYaml_ExitsThree_AndWritesNothing()
    {
        _run.EditConfig("modelset.yml", text => text + "\n  calibration: [unclosed\n");

        _run.Stage("builder").ShouldBe(ExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("modelset.yml:");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Runner_CorruptedTaskInput_ExitsThree_NamingThePath()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        var input = Path.Combine(_run.RunFolder, "builder-artifacts", "input_00000.json.gz");
        File.WriteAllBytes(input, [0x1f, 0x8b, 0x08, 0x00, 0x42, 0x42]);

        _run.Stage("runner", 0).ShouldBe(ExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("builder-artifacts/input_00000.json.gz is corrupted");
    }

    [Fact]
    public void Runner_MissingTaskIndex_ExitsThree_NamingTheVariable()
    {
        _run.Stage("runner").ShouldBe(ExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("TASK_INDEX");
    }

    [Fact]
    public void Output_MissingResult_WithPartialResultsAllowed_WritesOutputsAndReportsTheIndex()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        AddMissingTask();
        _run.Set("ALLOW_PARTIAL_RESULTS", "true");

        _run.Stage("output").ShouldBe(0, _run.Log.ToString());

        File.Exists(Output(OutputFileNames.QuantilesCompartments)).ShouldBeTrue();
        var metadata = Metadata();
        metadata.ResultsUsed.ShouldBe(1);
        metadata.MissingResults.ShouldHaveSingleItem().Index.ShouldBe(1);
    }

    [Fact]
    public void Output_MissingResult_WithPartialResultsRefused_ExitsThree()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        AddMissingTask();
        _run.Set("ALLOW_PARTIAL_RESULTS", "false");

        _run.Stage("output").ShouldBe(ExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("tasks 1");
        Directory.Exists(Path.Combine(_run.RunFolder, "outputs")).ShouldBeFalse();
    }

    [Fact]
    public void Output_NoResults_ExitsThree()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());

        _run.Stage("output").ShouldBe(ExitCodes.BadInput);
    }

    [Fact]
    public void TaskSeed_IsDeterministicAndDiffersByTask()
    {
        TaskSeed.For(42, 0).ShouldBe(TaskSeed.For(42, 0));
        TaskSeed.For(42, 0).ShouldNotBe(TaskSeed.For(42, 1));
        TaskSeed.For(42, 0).ShouldNotBe(TaskSeed.For(43, 0));
    }

    [Fact]
    public void Builder_Rerun_IsHarmless()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(_run.RunFolder, "builder-artifacts", "input_00000.json.gz")), CompressionMode.Decompress);
        JsonSerializer.Deserialize(gzip, PipelineJsonContext.Default.TaskInput)!.Location.ShouldBe("US-MA");
    }
}
