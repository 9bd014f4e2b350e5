using System.IO.Compression;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Engine.Calibration;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;
using Epy.Stages.Pipeline;
using Epy.Stages.Tests.Configs;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// <c>modelset.calibration.projection</c> as epymodelingsuite reads it: <c>n_trajectories</c> and
/// <c>generation_number</c>, projecting to the basemodel's end date; without the section, the
/// calibration alone (epymodelingsuite's run_calibration) and no projection outputs.
/// </summary>
public sealed class CalibrationProjectionCompatibilityTests : IDisposable
{
    private const string ProjectionSection = "    projection:\n      n_trajectories: 10\n";

    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    private string Output(string name) => Path.Combine(_run.RunFolder, "outputs", name);

    private TaskResult Result(int task)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(_run.RunFolder, "runner-artifacts", $"result_0000{task}.json.gz")), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(gzip, PipelineJsonContext.Default.TaskResult)!;
    }

    private void RunAll()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 1).ShouldBe(0, _run.Log.ToString());
        _run.Stage("output").ShouldBe(0, _run.Log.ToString());
    }

    [Fact]
    public void NoProjectionSection_WritesPosteriorsOnly_WithAWarning()
    {
        _run.EditConfig("modelset.yml", text => SampleConfigs.Replace(text, ProjectionSection, string.Empty));

        RunAll();

        // Before: one posterior draw was projected and written as a forecast.
        Projection.FromJson(Result(0).Projection.GetRawText()).Trajectories.ShouldBeEmpty();
        Result(0).Calibration.ShouldNotBeNull();
        File.Exists(Output(OutputFileNames.Posteriors)).ShouldBeTrue();
        File.Exists(Output(OutputFileNames.ModelMetadata)).ShouldBeTrue();
        foreach (var name in new[]
        {
            OutputFileNames.QuantilesCompartments, OutputFileNames.QuantilesTransitions, OutputFileNames.TrajectoriesCompartments,
            OutputFileNames.TrajectoriesTransitions, OutputFileNames.HubFormatted, OutputFileNames.FanChart("US-MA"), OutputFileNames.FanChart("US-NH"),
        })
        {
            File.Exists(Output(name)).ShouldBeFalse(name);
        }
        var metadata = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(_run.RunFolder, "run_metadata.json")), PipelineJsonContext.Default.RunMetadata)!;
        metadata.Outputs.ShouldBe([OutputFileNames.Posteriors, OutputFileNames.ModelMetadata], ignoreOrder: true);
        metadata.Warnings.ShouldContain(w => w.Contains("without a projection section", StringComparison.Ordinal));
    }

    [Fact]
    public void MaxTimeReachedBeforeAGenerationCompletes_KeepsNoPosterior_ProjectsNothing_AndWarns()
    {
        _run.EditConfig("modelset.yml", text => SampleConfigs.Replace(text, "num_generations: 2", "num_generations: 2\n        max_time: 1us"));

        RunAll();

        var calibration = CalibrationResult.FromJson(Result(0).Calibration!.Value.GetRawText());
        calibration.StopReason.ShouldBe(CalibrationStopReason.WallTime);
        calibration.Generations.ShouldBeEmpty();
        Projection.FromJson(Result(0).Projection.GetRawText()).Trajectories.ShouldBeEmpty();
        var metadata = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(_run.RunFolder, "run_metadata.json")), PipelineJsonContext.Default.RunMetadata)!;
        metadata.Warnings.ShouldContain(w => w.StartsWith("projection of US-MA: none, the calibration stopped (walltime) keeping 0 generation(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void GenerationNumber_ProjectsFromThatGenerationsParticles()
    {
        _run.EditConfig("modelset.yml", text => SampleConfigs.Replace(text, ProjectionSection, ProjectionSection + "      generation_number: 0\n"));
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());

        var result = Result(0);
        var calibration = CalibrationResult.FromJson(result.Calibration!.Value.GetRawText());
        var projection = Projection.FromJson(result.Projection.GetRawText());

        calibration.Generations.Length.ShouldBe(2);
        projection.Trajectories.Count.ShouldBe(10);
        foreach (var trajectory in projection.Trajectories)
            trajectory.Theta.ShouldBe(calibration.Generations[0].Particle(trajectory.Particle).ToArray());
        projection.Trajectories.ShouldContain(t => !calibration.Generations[1].Particles.AsSpan().ToArray().Contains(t.Theta[0]),
            "generation 0's particles are not the last generation's");
    }

    [Fact]
    public void GenerationNumber_BeyondTheStrategysGenerations_IsRefusedAtItsLine()
    {
        _run.EditConfig("modelset.yml", text => SampleConfigs.Replace(text, ProjectionSection, ProjectionSection + "      generation_number: 2\n"));

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("modelset.calibration.projection.generation_number: generation 2 does not exist: smc runs 2 generations, numbered 0 to 1");
    }

    [Fact]
    public void ProjectionEndDate_IsNotAnEpymodelingsuiteKey_AndIsRefused()
    {
        var yaml = SampleConfigs.Replace(SampleConfigs.Calibration, "n_trajectories: 50", "n_trajectories: 50\n      end_date: \"2025-03-01\"");

        var error = ConfigLoader.Parse(yaml, "modelset.yaml").Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("modelset.calibration.projection.end_date");
        error.Message.ShouldContain("allowed keys: n_trajectories, generation_number");
    }

    [Fact]
    public void GenerationNumber_Negative_IsRefused()
    {
        var yaml = SampleConfigs.Replace(SampleConfigs.Calibration, "n_trajectories: 50", "n_trajectories: 50\n      generation_number: -1");

        ConfigLoader.Parse(yaml, "modelset.yaml").Errors.ShouldHaveSingleItem().Field.ShouldBe("modelset.calibration.projection.generation_number");
    }
}
