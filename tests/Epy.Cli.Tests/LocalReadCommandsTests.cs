using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary>
/// <c>runs list|show</c> and <c>status</c> without a server: with no orchestrator configured they read the
/// project's local state folder; a run is named by its id, a unique piece of it, or <c>latest</c>.
/// </summary>
public sealed class LocalReadCommandsTests
{
    [Fact]
    public async Task AfterALocalRun_ListShowAndStatus_ReadTheStateFolder_WithNoServer()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");
        var fake = new FakeStage(folder.Combine("fake")).WithTasks(2).FailingTask(1, exitCode: 3);
        var environment = new Dictionary<string, string>(fake.Environment) { ["EPY_STAGE_COMMAND"] = string.Join(' ', fake.Command) };
        var ran = await Epycloud.RunAsync(["run", "--local", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", state], environment);
        var runId = ran.Output.Split(' ', 3)[1];
        string[] where = ["--project-dir", project, "--state-dir", state];

        var list = await Epycloud.RunAsync(["runs", "list", .. where]);
        var latest = await Epycloud.RunAsync(["runs", "show", "latest", .. where]);
        var byDigits = await Epycloud.RunAsync(["runs", "show", runId[16..20], .. where]);
        var status = await Epycloud.RunAsync(["status", .. where]);
        var none = await Epycloud.RunAsync(["runs", "show", "ffff0000", .. where]);
        // A cloud project set (GOOGLE_CLOUD_PROJECT) does not send a local run's logs to Cloud Logging.
        var logs = await Epycloud.RunAsync(["logs", "--run-id", "latest", "--stage", "b", .. where], new Dictionary<string, string> { ["GOOGLE_CLOUD_PROJECT"] = "some-project" });

        list.ExitCode.ShouldBe(ExitCodes.Ok, list.ToString());
        var rows = list.Output.Trim().Split('\n');
        rows[0].ShouldStartWith("RUN ID");
        rows[0].ShouldContain("DURATION");
        rows[1].ShouldStartWith($"{runId}  {ForecastRepo.Experiment}");
        rows[1].ShouldContain("FAILED");
        rows[1].ShouldContain("exit 3", Case.Sensitive, "the failure reason is on the row");
        latest.ExitCode.ShouldBe(ExitCodes.Ok, latest.ToString());
        latest.Output.ShouldContain(runId);
        byDigits.ExitCode.ShouldBe(ExitCodes.Ok, byDigits.ToString());
        byDigits.Output.ShouldContain(runId);
        status.Output.Trim().ShouldBe("no runs in progress");
        none.ExitCode.ShouldBe(ExitCodes.ConfigurationError, none.ToString());
        none.Error.ShouldContain("no run id at");
        logs.ExitCode.ShouldBe(ExitCodes.Ok, logs.ToString());
        logs.Output.ShouldContain($"fake runner task 1 of {ForecastRepo.Experiment}/{runId}");
    }

    [Fact]
    public async Task Local_WithoutAnyLocalRun_SaysSo()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);

        var list = await Epycloud.RunAsync(["runs", "list", "--local", "--project-dir", project]);

        list.ExitCode.ShouldBe(ExitCodes.ConfigurationError, list.ToString());
        list.Error.ShouldContain("no local runs in");
    }
}
