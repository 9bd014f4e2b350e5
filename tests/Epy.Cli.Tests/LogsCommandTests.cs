using System.Text.Json;
using Epy.Cli;
using Epy.Cli.Configuration;
using Epy.Cli.Logs;
using Epy.Cli.Targets;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Google.Auth;
using Epy.Google.Logging;
using Epy.Testing.CloudLogging;
using Epy.Testing.Fixtures;

namespace Epy.Cli.Tests;

/// <summary><c>epycloud logs</c>: Cloud Logging through a fake that enforces the request shape, and a real local run's task logs.</summary>
public sealed class LogsCommandTests
{
    private const string Run = "20261124-101500-a1b2c3d4";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);

    private static Dictionary<string, string> CloudEnv(FakeCloudLogging fake) => new()
    {
        [EnvironmentOverrides.VariableOf("google_cloud.project_id")] = fake.Project,
        [EnvironmentOverrides.VariableOf("google_cloud.logging_endpoint")] = fake.Endpoint.ToString(),
        [AccessTokens.TokenVariable] = FakeCloudLogging.Token,
    };

    [Fact]
    public async Task Cloud_PrintsTheRunsEntriesOldestFirst_AcrossPages_FilteredOnTheRunLabel()
    {
        await using var fake = await FakeCloudLogging.StartAsync();
        fake.MaxPage = 2;
        fake.AddTaskLine(Run, "builder", 0, T0, "builder: 2 calibration task(s)");
        fake.AddTaskLine(Run, "runner", 0, T0.AddSeconds(5), "runner 0 started");
        fake.AddTaskLine("20261124-090000-00000000", "runner", 0, T0.AddSeconds(6), "another run");
        fake.AddTaskLine(Run, "runner", 1, T0.AddSeconds(7), "runner 1 started");
        fake.AddTaskLine(Run, "output", 0, T0.AddSeconds(9), "output written");

        var result = await Epycloud.RunAsync(["logs", "--run-id", Run], CloudEnv(fake));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Output.Trim().Split('\n').ShouldBe(
        [
            "2026-11-24T10:15:00.000Z INFO    builder[0] builder: 2 calibration task(s)",
            "2026-11-24T10:15:05.000Z INFO    runner[0] runner 0 started",
            "2026-11-24T10:15:07.000Z INFO    runner[1] runner 1 started",
            "2026-11-24T10:15:09.000Z INFO    output[0] output written",
        ]);
        var requests = fake.Requests.ToList();
        requests.Count.ShouldBe(2, "four entries at two per page");
        requests[0].GetProperty("filter").GetString().ShouldBe($"logName=\"projects/{fake.Project}/logs/batch_task_logs\" AND labels.run_id=\"{Run}\"");
        requests[0].GetProperty("orderBy").GetString().ShouldBe("timestamp asc");
        requests[1].GetProperty("pageToken").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Cloud_StageTaskLevelAndTail_NarrowTheFilter_AndKeepTheLastLinesInOrder()
    {
        await using var fake = await FakeCloudLogging.StartAsync();
        for (var i = 0; i < 5; i++)
            fake.AddTaskLine(Run, "runner", 3, T0.AddSeconds(i), $"line {i}", i % 2 == 0 ? "ERROR" : "INFO");
        fake.AddTaskLine(Run, "runner", 2, T0.AddSeconds(10), "other task", "ERROR");

        var result = await Epycloud.RunAsync(["logs", "--run-id", Run, "--stage", "b", "--task-index", "3", "--level", "error", "--tail", "2", "--output", "json"], CloudEnv(fake));

        result.ExitCode.ShouldBe(ExitCodes.Ok, result.ToString());
        var lines = result.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => l.GetProperty("message").GetString()).ShouldBe(["line 2", "line 4"]);
        lines.ShouldAllBe(l => l.GetProperty("task_index").GetInt32() == 3 && l.GetProperty("stage").GetString() == "runner");
        var request = fake.Requests.Single();
        request.GetProperty("orderBy").GetString().ShouldBe("timestamp desc");
        request.GetProperty("pageSize").GetInt32().ShouldBe(2);
        request.GetProperty("filter").GetString()!.ShouldEndWith("AND labels.stage=\"runner\" AND labels.task_id:\"-group0-3/\" AND severity>=ERROR");
    }

    [Fact]
    public async Task Cloud_Follow_PrintsNewEntriesOnce_UntilInterrupted()
    {
        await using var fake = await FakeCloudLogging.StartAsync();
        fake.AddTaskLine(Run, "runner", 0, T0, "first");
        using var http = new HttpClient();
        var query = new LogQuery(RunId.Parse(Run), Follow: true, Since: T0.AddMinutes(-1));
        var source = new CloudLogSource(new CloudLoggingClient(http, new StaticAccessToken(FakeCloudLogging.Token), fake.Endpoint), fake.Project, query, TimeProvider.System);
        var output = new SynchronizedWriter();
        using var stop = new CancellationTokenSource();

        var following = LogsCommand.RunAsync(source, follow: true, json: false, TimeSpan.FromMilliseconds(50), output, TimeProvider.System, stop.Token);
        await Wait.UntilAsync(() => output.Text.Contains("first", StringComparison.Ordinal), TimeSpan.FromSeconds(10), () => "the first line never came");
        fake.AddTaskLine(Run, "runner", 0, T0.AddSeconds(1), "second");
        fake.AddTaskLine(Run, "runner", 1, T0.AddSeconds(1), "second too");
        await Wait.UntilAsync(() => output.Text.Contains("second too", StringComparison.Ordinal), TimeSpan.FromSeconds(10), () => $"new lines never came: {output.Text}");
        await Task.Delay(300);
        await stop.CancelAsync();

        (await CaughtAsync(following)).ShouldBeAssignableTo<OperationCanceledException>("following ends only when cancelled");
        var lines = output.Text.Trim().Split('\n');
        lines.Count(l => l.EndsWith(" first", StringComparison.Ordinal)).ShouldBe(1, output.Text);
        lines.Count(l => l.EndsWith(" second", StringComparison.Ordinal)).ShouldBe(1, output.Text);
        lines.Count(l => l.EndsWith(" second too", StringComparison.Ordinal)).ShouldBe(1, output.Text);
        fake.Requests.Skip(1).ShouldAllBe(r => r.GetProperty("filter").GetString()!.Contains("timestamp>=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cloud_RefusedToken_ExitsTwo_WithALoginHint()
    {
        await using var fake = await FakeCloudLogging.StartAsync();
        var env = CloudEnv(fake);
        env[AccessTokens.TokenVariable] = "wrong";

        var result = await Epycloud.RunAsync(["logs", "--run-id", Run], env);

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
        result.Error.ShouldContain("epycloud: Cloud Logging answered 401");
        result.Error.ShouldContain("hint: your account needs roles/logging.viewer");
    }

    [Fact]
    public async Task BadArguments_ExitTwo_NamingTheOption()
    {
        var badRun = await Epycloud.RunAsync(["logs", "--run-id", "yesterday", "--local"]);
        var badStage = await Epycloud.RunAsync(["logs", "--run-id", Run, "--stage", "d", "--local"]);

        badRun.ExitCode.ShouldBe(ExitCodes.ConfigurationError, badRun.ToString());
        badRun.Error.ShouldContain("--run-id 'yesterday' is not a run id");
        badStage.ExitCode.ShouldBe(ExitCodes.ConfigurationError, badStage.ToString());
        badStage.Error.ShouldContain("hint: use a (builder), b (runner) or c (output)");
    }

    [Fact]
    public async Task Local_ReadsTheTaskLogFilesOfARealLocalRun_ByStageAndTask()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        var state = Path.GetDirectoryName(server.Options.LogsRoot)!;

        var all = await Epycloud.RunAsync(["logs", "--local", "--run-id", run.RunId, "--state-dir", state]);
        var one = await Epycloud.RunAsync(["logs", "--local", "--run-id", run.RunId, "--state-dir", state, "--stage", "runner", "--task-index", "1", "--tail", "1"]);
        var missing = await Epycloud.RunAsync(["logs", "--local", "--run-id", "20201124-101500-a1b2c3d4", "--state-dir", state]);

        all.ExitCode.ShouldBe(ExitCodes.Ok, all.ToString());
        all.Output.Trim().Split('\n').ShouldBe(
        [
            $"builder fake builder task 0 of {ForecastRepo.Experiment}/{run.RunId}",
            $"runner[0] fake runner task 0 of {ForecastRepo.Experiment}/{run.RunId}",
            $"runner[1] fake runner task 1 of {ForecastRepo.Experiment}/{run.RunId}",
            $"output fake output task 0 of {ForecastRepo.Experiment}/{run.RunId}",
        ]);
        one.Output.Trim().ShouldBe($"runner[1] fake runner task 1 of {ForecastRepo.Experiment}/{run.RunId}");
        missing.ExitCode.ShouldBe(ExitCodes.RunFailed, missing.ToString());
        missing.Error.ShouldContain("no logs of run 20201124-101500-a1b2c3d4");
    }

    [Fact]
    public async Task Local_Follow_PrintsLinesAppendedToTaskLogs_WholeLinesOnly()
    {
        using var folder = new TempFolder();
        var job = folder.Combine("logs", Run, $"stage-b-{Run}-1");
        Directory.CreateDirectory(job);
        var log = Path.Combine(job, "task_00002.log");
        await File.WriteAllTextAsync(log, "one\n");
        var source = new LocalLogSource(folder.Combine("logs"), new LogQuery(RunId.Parse(Run), Follow: true));
        var output = new SynchronizedWriter();
        using var stop = new CancellationTokenSource();

        var following = LogsCommand.RunAsync(source, follow: true, json: false, TimeSpan.FromMilliseconds(50), output, TimeProvider.System, stop.Token);
        await Wait.UntilAsync(() => output.Text.Contains("one", StringComparison.Ordinal), TimeSpan.FromSeconds(10), () => "nothing printed");
        await File.AppendAllTextAsync(log, "two\nthr");
        await Wait.UntilAsync(() => output.Text.Contains("two", StringComparison.Ordinal), TimeSpan.FromSeconds(10), () => output.Text);
        await File.AppendAllTextAsync(log, "ee\n");
        await Wait.UntilAsync(() => output.Text.Contains("three", StringComparison.Ordinal), TimeSpan.FromSeconds(10), () => output.Text);
        await stop.CancelAsync();

        (await CaughtAsync(following)).ShouldBeAssignableTo<OperationCanceledException>("following ends only when cancelled");
        output.Text.Trim().Split('\n').ShouldBe(["runner[2] one", "runner[2] two", "runner[2] three"]);
    }

    private static async Task<Exception?> CaughtAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception thrown)
        {
            return thrown;
        }
    }
}
