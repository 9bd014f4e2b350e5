using System.Text.RegularExpressions;
using Epy.Cli;
using Epy.Testing.Fixtures;

namespace Epy.Cli.Tests;

/// <summary>
/// <c>epycloud run job --stage A|B|C --local</c>: one stage of one run, by hand, with the fake stage program: a new run
/// folder from Stage A, then B's tasks and C on it; usage mistakes exit 2, a failing stage 1 with its log's end.
/// </summary>
public sealed partial class RunJobCommandTests
{
    [GeneratedRegex(@"run (\d{8}-\d{6}-[0-9a-f]{8})")]
    private static partial Regex RunIdPattern();

    private static Dictionary<string, string> Environment(FakeStage fake) =>
        new(fake.Environment) { ["EPY_STAGE_COMMAND"] = string.Join(' ', fake.Command) };

    [Fact]
    public async Task StagesAThenBThenC_RunOneByOne_OnANewRunFolder_AndTheirLogsAreReadable()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");
        var fake = new FakeStage(folder.Combine("fake")).WithTasks(2);
        string[] where = ["--local", "--project-dir", project, "--state-dir", state];

        var a = await Epycloud.RunAsync(["run", "job", "--stage", "A", "--exp-id", ForecastRepo.Experiment, .. where], Environment(fake));
        var runId = RunIdPattern().Match(a.Output).Groups[1].Value;
        var b0 = await Epycloud.RunAsync(["run", "job", "--stage", "b", "--exp-id", ForecastRepo.Experiment, "--run-id", runId, .. where], Environment(fake));
        var b1 = await Epycloud.RunAsync(["run", "job", "--stage", "runner", "--exp-id", ForecastRepo.Experiment, "--run-id", runId, "--task-index", "1", .. where], Environment(fake));
        var c = await Epycloud.RunAsync(["run", "job", "--stage", "C", "--exp-id", ForecastRepo.Experiment, "--run-id", runId, .. where], Environment(fake));
        var logs = await Epycloud.RunAsync(["logs", "--run-id", runId, "--stage", "a", "--local", "--state-dir", state]);

        a.ExitCode.ShouldBe(ExitCodes.Ok, a.ToString());
        a.Output.ShouldContain($"stage A (builder) of {ForecastRepo.Experiment}, run {runId}: SUCCEEDED");
        a.Output.ShouldContain($"next: epycloud run job --stage B --exp-id {ForecastRepo.Experiment} --run-id {runId} --task-index 0 --local");
        var run = Path.Combine(state, "bucket", ForecastRepo.Experiment, runId);
        File.Exists(Path.Combine(run, "builder-artifacts", "manifest.json")).ShouldBeTrue();
        b0.ExitCode.ShouldBe(ExitCodes.Ok, b0.ToString());
        b1.ExitCode.ShouldBe(ExitCodes.Ok, b1.ToString());
        b1.Output.ShouldContain("stage B (runner task 1 of 2)");
        File.Exists(Path.Combine(run, "runner-artifacts", "result_00001.json.gz")).ShouldBeTrue();
        c.ExitCode.ShouldBe(ExitCodes.Ok, c.ToString());
        File.Exists(Path.Combine(run, "outputs", "x.csv.gz")).ShouldBeTrue();
        fake.Calls().Where(call => call.Event == "start" && call.Stage == "runner").Select(call => call.Value("num_tasks")).ShouldBe(["2", "2"], "NUM_TASKS comes from the builder's manifest");
        logs.ExitCode.ShouldBe(ExitCodes.Ok, logs.ToString());
        logs.Output.ShouldContain($"fake builder task 0 of {ForecastRepo.Experiment}/{runId}");
        File.Exists(Path.Combine(state, "orchestrator.db")).ShouldBeFalse("the run's state database is not touched");
    }

    [Fact]
    public async Task AFailingStage_ExitsOne_WithTheEndOfItsLog()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var fake = new FakeStage(folder.Combine("fake")).FailingTask("builder", exitCode: 3);

        var a = await Epycloud.RunAsync(["run", "job", "--stage", "A", "--exp-id", ForecastRepo.Experiment, "--local", "--project-dir", project], Environment(fake));

        a.ExitCode.ShouldBe(ExitCodes.RunFailed, a.ToString());
        a.Output.ShouldContain("FAILED (exit 3); last lines of ");
        a.Output.ShouldContain($"  | fake builder task 0 of {ForecastRepo.Experiment}/");
    }

    [Fact]
    public async Task UsageMistakes_ExitTwo_SayingWhatToDo_AndTheCloudPathNeedsItsSettings()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var fake = new FakeStage(folder.Combine("fake")).WithTasks(2);
        string[] where = ["--local", "--project-dir", project];
        var a = await Epycloud.RunAsync(["run", "job", "--stage", "A", "--exp-id", ForecastRepo.Experiment, .. where], Environment(fake));
        var runId = RunIdPattern().Match(a.Output).Groups[1].Value;

        var noRun = await Epycloud.RunAsync(["run", "job", "--stage", "B", "--exp-id", ForecastRepo.Experiment, .. where], Environment(fake));
        var pastTheEnd = await Epycloud.RunAsync(["run", "job", "--stage", "B", "--exp-id", ForecastRepo.Experiment, "--run-id", runId, "--task-index", "2", .. where], Environment(fake));
        var noManifest = await Epycloud.RunAsync(["run", "job", "--stage", "C", "--exp-id", ForecastRepo.Experiment, "--run-id", "20261124-101500-a1b2c3d4", .. where], Environment(fake));
        var badStage = await Epycloud.RunAsync(["run", "job", "--stage", "D", "--exp-id", ForecastRepo.Experiment, .. where], Environment(fake));
        var cloud = await Epycloud.RunAsync(["run", "job", "--stage", "A", "--exp-id", ForecastRepo.Experiment, "--project-dir", project], Environment(fake));

        noRun.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noRun.ToString());
        noRun.Error.ShouldContain("stage B needs --run-id");
        pastTheEnd.ExitCode.ShouldBe(ExitCodes.ConfigurationError, pastTheEnd.ToString());
        pastTheEnd.Error.ShouldContain("--task-index 2 is not below the run's 2 task(s)");
        noManifest.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noManifest.ToString());
        noManifest.Error.ShouldContain("has no builder manifest");
        badStage.ExitCode.ShouldBe(ExitCodes.ConfigurationError, badStage.ToString());
        badStage.Error.ShouldContain("hint: use A (builder), B (runner) or C (output)");
        cloud.ExitCode.ShouldBe(ExitCodes.ConfigurationError, cloud.ToString());
        cloud.Error.ShouldContain("the Batch job cannot be made: the configuration does not set google_cloud.project_id");
        fake.Calls().Count(call => call.Stage == "runner").ShouldBe(0, "nothing was started after stage A");
    }
}
