using Epy.Cli;
using Epy.Contracts.Api;
using Epy.Testing.Fixtures;

namespace Epy.Cli.Tests;

/// <summary>
/// <c>epycloud workflow list|describe|logs|cancel|retry</c>: the original epycloud's names and options for
/// <c>runs list|show</c>, <c>logs</c> and <c>runs cancel|resume</c>, and <c>status -w -n -r</c>, against a real local server.
/// </summary>
public sealed class WorkflowCommandTests
{
    [Fact]
    public async Task WorkflowCommands_ListDescribeLogsCancelRetry_ActOnRunsUnderTheOriginalsNames()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).FailingTask(1, times: 1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, AutoResumes: 0));
        await server.WaitForEndAsync(run.RunId, "FAILED");
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');
        var state = Path.GetDirectoryName(server.Options.BucketRoot)!;

        var failed = await Epycloud.RunAsync(["workflow", "list", "--status", "FAILED", "--limit", "5", "--since", "1h", "--server", url]);
        var active = await Epycloud.RunAsync(["workflow", "list", "--status", "ACTIVE", "--server", url]);
        var describe = await Epycloud.RunAsync(["workflow", "describe", run.RunId, "--server", url]);
        var logs = await Epycloud.RunAsync(["workflow", "logs", run.RunId, "--stage", "b", "--tail", "1", "--local", "--state-dir", state]);
        var cancel = await Epycloud.RunAsync(["workflow", "cancel", run.RunId, "--server", url]);
        var retry = await Epycloud.RunAsync(["workflow", "retry", run.RunId, "--server", url]);
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        failed.ExitCode.ShouldBe(ExitCodes.Ok, failed.ToString());
        failed.Output.Trim().Split('\n').Skip(1).ShouldHaveSingleItem().ShouldStartWith($"{run.RunId}  {ForecastRepo.Experiment}");
        active.Output.Trim().ShouldBe("no runs", "ACTIVE is every run not finished, and this one has");
        describe.ExitCode.ShouldBe(ExitCodes.Ok, describe.ToString());
        describe.Output.ShouldContain($"run {run.RunId}  experiment {ForecastRepo.Experiment}  state FAILED");
        logs.ExitCode.ShouldBe(ExitCodes.Ok, logs.ToString());
        logs.Output.Trim().Split('\n').ShouldHaveSingleItem().ShouldContain("fake runner task");
        cancel.ExitCode.ShouldBe(ExitCodes.RunFailed, cancel.ToString());
        cancel.Error.ShouldContain($"run {run.RunId} has already finished (FAILED)");
        retry.ExitCode.ShouldBe(ExitCodes.Ok, retry.ToString());
        retry.Output.ShouldStartWith($"run {run.RunId}: ");
        done.ManualResumes.ShouldBe(1, "retry is runs resume");
    }

    [Fact]
    public async Task WorkflowList_StatusActive_ListsOnlyRunsInProgress()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var finished = await server.StartRunAsync(new StartRunRequest(ForecastRepo.OtherExperiment));
        await server.WaitForEndAsync(finished.RunId, "SUCCEEDED");
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');
        server.Fake!.Holding(0);
        var running = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));

        var active = await Epycloud.RunAsync(["workflow", "list", "--status", "active", "--server", url]);
        server.Fake.Release(0);
        await server.WaitForEndAsync(running.RunId, "SUCCEEDED");

        active.ExitCode.ShouldBe(ExitCodes.Ok, active.ToString());
        var rows = active.Output.Trim().Split('\n').Skip(1).ToList();
        rows.ShouldHaveSingleItem().ShouldStartWith($"{running.RunId}  {ForecastRepo.Experiment}");
    }

    [Fact]
    public async Task Status_ShortOptions_WatchOneRunById_UntilItEnds()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');

        var status = await Epycloud.RunAsync(["status", "-w", "-n", "1", "-r", run.RunId[16..], "--server", url]);
        var all = await Epycloud.RunAsync(["status", "--server", url]);

        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        status.Output.ShouldContain($"{run.RunId}  {ForecastRepo.Experiment}");
        status.Output.ShouldContain("SUCCEEDED", Case.Sensitive, "-r shows the run even when it has finished, and -w stops at its end");
        all.Output.Trim().ShouldBe("no runs in progress");
    }
}
