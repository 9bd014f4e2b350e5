using Epy.Cli;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Cli;

/// <summary><c>epycloud runs show|list|cancel|resume</c> against a local server, as separate processes.</summary>
public sealed class RunsCommandsTests
{
    [Fact]
    public async Task ShowCancelResume_AgainstTheServer_PrintTheRun_AndRefusalsExitOne()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).FailingTask(1, times: 1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, AutoResumes: 0));
        await server.WaitForEndAsync(run.RunId, "FAILED");
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');

        var show = await Epycloud.RunAsync(["runs", "show", run.RunId, "--server", url]);
        var cancel = await Epycloud.RunAsync(["runs", "cancel", run.RunId, "--server", url]);
        var resume = await Epycloud.RunAsync(["runs", "resume", run.RunId, "--server", url]);

        show.ExitCode.ShouldBe(ExitCodes.Ok, show.ToString());
        show.Output.ShouldContain($"run {run.RunId}  experiment {ForecastRepo.Experiment}  state FAILED");
        show.Output.ShouldContain("failed task 1 (exit 3)");
        show.Output.ShouldContain($"stage-b-{run.RunId}-1");
        cancel.ExitCode.ShouldBe(ExitCodes.RunFailed, cancel.ToString());
        cancel.Error.ShouldContain($"409 Conflict: run {run.RunId} has already finished (FAILED)");
        resume.ExitCode.ShouldBe(ExitCodes.Ok, resume.ToString());
        resume.Output.ShouldStartWith($"run {run.RunId}: ");
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        done.ManualResumes.ShouldBe(1);
    }

    [Fact]
    public async Task Status_WithNoServer_ExitsTwo_SayingHowToStartOne()
    {
        var status = await Epycloud.RunAsync(["status", "--server", "http://127.0.0.1:9"]);

        status.ExitCode.ShouldBe(ExitCodes.ConfigurationError, status.ToString());
        status.Error.ShouldContain("cannot reach the orchestrator at http://127.0.0.1:9");
        status.Error.ShouldContain("epycloud serve --local");
    }
}
