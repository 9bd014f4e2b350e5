using Epy.Cli;
using Epy.Contracts.Api;

namespace Epy.Cli.Tests;

/// <summary>
/// <c>epycloud run --local</c> refuses what it cannot run, starting nothing (exit 2; an invalid experiment: exit 1
/// with the builder's errors), and a run that fails says why in the terminal.
/// </summary>
public sealed class RunLocalTests
{
    [Theory]
    [InlineData("no-such-experiment")]
    [InlineData("../escape")]
    public async Task BadExperiment_ExitsWithConfigurationError_AndStoresNoRun(string experiment)
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");

        var result = await Epycloud.RunAsync(["run", "--local", "--exp-id", experiment, "--project-dir", project, "--state-dir", state]);

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
        result.Output.ShouldNotContain("run ");
        result.Error.ShouldStartWith("epycloud: ");
        result.Error.ShouldContain("  hint: ");
        Directory.Exists(Path.Combine(state, "bucket")).ShouldBeFalse();
    }

    [Fact]
    public async Task StateFolderInUseByAServer_FailsWithAConfigurationError_SayingSo()
    {
        await using var server = await LocalServer.StartFakeAsync();
        var state = Path.GetDirectoryName(server.Options.DatabasePath)!;
        using var output = new StringWriter();

        var busy = await Should.ThrowAsync<CliException>(() => RunCommand.RunLocalAsync(server.Options.ForecastRepoDir, state, new StartRunRequest(ForecastRepo.Experiment), quiet: true, output, CancellationToken.None));

        busy.ExitCode.ShouldBe(ExitCodes.ConfigurationError, output.ToString());
        busy.Hint.ShouldNotBeNull();
        busy.Message.ShouldContain($"another epycloud orchestrator is using the state folder {state}");
        (await server.ListRunsAsync()).Runs.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotAForecastRepository_FailsWithAConfigurationError()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();

        var refused = await Should.ThrowAsync<CliException>(() => RunCommand.RunLocalAsync(folder.Path, folder.Combine("state"), new StartRunRequest(ForecastRepo.Experiment), quiet: true, output, CancellationToken.None));

        refused.ExitCode.ShouldBe(ExitCodes.ConfigurationError);
        refused.Message.ShouldContain("is not a forecast repository");
        Directory.Exists(folder.Combine("state")).ShouldBeFalse("nothing is created for a folder that is not a forecast repository");
    }

    [Fact]
    public async Task Serve_WithoutLocal_ExitsTwo_WithOneLineAndAHint()
    {
        var result = await Epycloud.RunAsync(["serve"]);

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
        result.Error.Trim().Split('\n').ShouldBe(
        [
            "epycloud: serve: only --local is available; the cloud service runs on Cloud Run",
            "  hint: epycloud serve --local, or deploy with 'epycloud terraform apply'",
        ]);
    }

    [Fact]
    public async Task InvalidExperiment_PrintsTheBuildersErrors_AndStartsNothing()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");
        var fake = new FakeStage(folder.Combine("fake")).InvalidConfig("unknown key 'n_trajectorie'; did you mean 'n_trajectories'?");

        var result = await Epycloud.RunAsync(["run", "--local", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", state], Environment(fake));

        result.ExitCode.ShouldBe(ExitCodes.RunFailed, result.ToString());
        result.Output.ShouldContain($"experiments/{ForecastRepo.Experiment}/config/modelset.yml:3:5: modelset.calibration: unknown key 'n_trajectorie'; did you mean 'n_trajectories'?");
        result.Output.ShouldContain("nothing was started");
        fake.Calls().ShouldBeEmpty("no stage ran");
        Directory.Exists(Path.Combine(state, "bucket", ForecastRepo.Experiment)).ShouldBeFalse();
    }

    [Fact]
    public async Task BuilderFailure_ShowsTheLogsLastLines_TheLogsCommand_AndHowToResume()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");
        var fake = new FakeStage(folder.Combine("fake")).FailingTask("builder", exitCode: 3);

        var result = await Epycloud.RunAsync(["run", "--local", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", state], Environment(fake));

        result.ExitCode.ShouldBe(ExitCodes.RunFailed, result.ToString());
        var runId = result.Output.Split(' ', 3)[1];
        result.Output.ShouldContain($"run {runId}: FAILED");
        result.Output.ShouldContain("last lines of the builder log (");
        result.Output.ShouldContain($"  | fake builder task 0 of {ForecastRepo.Experiment}/{runId}");
        result.Output.ShouldContain($"whole log: epycloud logs --local --run-id {runId} --stage a --project-dir {project}");
        result.Output.ShouldContain($"resume it: epycloud run --local --exp-id {ForecastRepo.Experiment} --run-id {runId} --project-dir {project}");
    }

    [Fact]
    public async Task TaskRefusingItsInput_NamesTheTask_AndDoesNotOfferAResume()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");
        var fake = new FakeStage(folder.Combine("fake")).WithTasks(2).FailingTask(1, exitCode: 3);

        var result = await Epycloud.RunAsync(["run", "--local", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", state], Environment(fake));

        result.ExitCode.ShouldBe(ExitCodes.RunFailed, result.ToString());
        var runId = result.Output.Split(' ', 3)[1];
        result.Output.ShouldContain("last lines of the runner task 1 (exit 3: bad input, fix the experiment) log (");
        result.Output.ShouldContain($"whole log: epycloud logs --local --run-id {runId} --stage b --task-index 1 --project-dir {project}");
        result.Output.ShouldContain("the tasks' inputs were refused: fix the experiment and start a new run");
        result.Output.ShouldNotContain("resume it:");
    }

    [Fact]
    public async Task Quiet_SucceededRun_PrintsOnlyTheVerdictLine()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var fake = new FakeStage(folder.Combine("fake")).WithTasks(2);

        var result = await Epycloud.RunAsync(["run", "--local", "-q", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", folder.Combine("state")], Environment(fake));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        var line = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        line.ShouldStartWith("run ");
        line.ShouldEndWith(": SUCCEEDED");
        result.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Quiet_FailedRun_PrintsTheVerdictAndWhy_NoProgressOrPaths()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var fake = new FakeStage(folder.Combine("fake")).FailingTask("builder", exitCode: 3);

        var result = await Epycloud.RunAsync(["run", "--local", "--quiet", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", folder.Combine("state")], Environment(fake));

        result.ExitCode.ShouldBe(ExitCodes.RunFailed, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldContain(": FAILED");
        result.Output.ShouldContain("last lines of the builder log (");
        result.Output.ShouldNotContain("state in ", Case.Sensitive, "no start line");
        result.Output.ShouldNotContain("[00:", Case.Sensitive, "no progress lines");
        result.Output.ShouldNotContain("logs: ", Case.Sensitive, "no paths");
    }

    private static Dictionary<string, string> Environment(FakeStage fake) =>
        new(fake.Environment) { ["EPY_STAGE_COMMAND"] = string.Join(' ', fake.Command) };
}
