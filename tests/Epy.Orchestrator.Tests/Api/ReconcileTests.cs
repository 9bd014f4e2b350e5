using System.Net;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Orchestrator.Reconciling;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>POST /v1/reconcile enforces run deadlines: the run fails and its running job is stopped.</summary>
public sealed class ReconcileTests
{
    [Fact]
    public async Task Reconcile_AfterTheDeadline_FailsTheRun_AndStopsItsTasks()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).Sleeping(60));
        var fake = server.Fake!;
        // 0.0005 h = 1.8 s.
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, DeadlineHours: 0.0005));
        run.Deadline.ShouldNotBeNull();
        await Wait.UntilAsync(() => fake.Calls().Count(c => c.Event == "child") >= 2, TimeSpan.FromSeconds(20), () => "the runner tasks never started");
        await Wait.UntilAsync(() => TimeProvider.System.GetUtcNow() > run.Deadline!.Value.AddMilliseconds(100), TimeSpan.FromSeconds(10), () => "the deadline never passed");

        using var response = await server.Client.PostAsync("/v1/reconcile", null);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var report = JsonSerializer.Deserialize<ReconcileReport>(body, OrchestratorJson.Options)!;
        report.Runs.ShouldBeGreaterThanOrEqualTo(1);
        report.Failures.ShouldBe(0);
        var failed = await server.WaitForEndAsync(run.RunId, "FAILED", seconds: 10);
        failed.Failure.ShouldNotBeNull().ShouldContain("deadline");
        var pids = fake.Calls().Where(c => c.Event is "start" or "child" && c.Stage == "runner").Select(c => c.Pid).ToList();
        await Wait.UntilAsync(() => !pids.Any(Processes.IsAlive), TimeSpan.FromSeconds(10),
            () => $"tasks still running after the deadline: {string.Join(", ", pids.Where(Processes.IsAlive))}");
        fake.Calls().ShouldNotContain(c => c.Event == "exit" && c.Stage == "runner");
        fake.Calls().ShouldNotContain(c => c.Stage == "output");
    }

    [Fact]
    public async Task Reconcile_WithNothingToDo_ReportsNothing()
    {
        await using var server = await LocalServer.StartFakeAsync();

        using var response = await server.Client.PostAsync("/v1/reconcile", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonSerializer.Deserialize<ReconcileReport>(await response.Content.ReadAsStringAsync(), OrchestratorJson.Options)
            .ShouldBe(new ReconcileReport(0, 0, 0, 0));
    }
}
