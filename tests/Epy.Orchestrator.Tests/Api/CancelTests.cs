using System.Net;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>POST /v1/runs/{id}:cancel stops the run's child processes and ends it CANCELLED.</summary>
public sealed class CancelTests
{
    [Fact]
    public async Task Cancel_WhileTasksRun_EndsCancelled_AndKillsTheChildProcesses()
    {
        // Tasks that would sleep far longer than the test waits: only a cancel ends them in time.
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(4).Sleeping(60));
        var fake = server.Fake!;
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await Wait.UntilAsync(() => fake.Calls().Count(c => c.Event == "child" && c.Stage == "runner") >= 2, TimeSpan.FromSeconds(20),
            () => $"two runner tasks never started sleeping; calls: {fake.Calls().Count}");

        using var cancel = await server.Client.PostAsync($"/v1/runs/{run.RunId}:cancel", null);

        cancel.StatusCode.ShouldBe(HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        var accepted = JsonSerializer.Deserialize<RunView>(await cancel.Content.ReadAsStringAsync(), OrchestratorJson.Options)!;
        accepted.State.ShouldBeOneOf("CANCELLING", "CANCELLED");
        var done = await server.WaitForEndAsync(run.RunId, "CANCELLED", seconds: 15);
        done.Failure.ShouldNotBeNull().ShouldContain("cancelled");
        done.Jobs.Single(j => j.Stage == "runner").State.ShouldBe("CANCELLED");
        done.Jobs.ShouldNotContain(j => j.Stage == "output");
        var pids = fake.Calls().Where(c => c.Stage == "runner" && c.Event is "start" or "child").Select(c => c.Pid).ToList();
        pids.Count.ShouldBeGreaterThanOrEqualTo(4);
        await Wait.UntilAsync(() => !pids.Any(Processes.IsAlive), TimeSpan.FromSeconds(5),
            () => $"still alive: {string.Join(", ", pids.Where(Processes.IsAlive))}");
        fake.Calls().ShouldNotContain(c => c.Event == "exit" && c.Stage == "runner", "no runner task may run to its end");
    }

    [Fact]
    public async Task Cancel_WhileTheBuilderRuns_EndsCancelled_AndNoTaskStarts()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.SleepingBuilder(60));
        var fake = server.Fake!;
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await Wait.UntilAsync(() => fake.Calls().Any(c => c.Event == "child" && c.Stage == "builder"), TimeSpan.FromSeconds(20), () => "the builder never started");

        using var cancel = await server.Client.PostAsync($"/v1/runs/{run.RunId}:cancel", null);

        cancel.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var done = await server.WaitForEndAsync(run.RunId, "CANCELLED", seconds: 15);
        done.Jobs.ShouldHaveSingleItem().State.ShouldBe("CANCELLED");
        done.TaskCount.ShouldBe(0);
        var pids = fake.Calls().Where(c => c.Stage == "builder").Select(c => c.Pid).ToList();
        await Wait.UntilAsync(() => !pids.Any(Processes.IsAlive), TimeSpan.FromSeconds(5), () => "the builder still runs");
        fake.Calls().ShouldNotContain(c => c.Stage != "builder");
    }

    [Fact]
    public async Task Cancel_FinishedRun_Is409Problem_AndUnknownOrMalformedIdsAre404And400()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        using var finished = await server.Client.PostAsync($"/v1/runs/{run.RunId}:cancel", null);
        using var unknown = await server.Client.PostAsync("/v1/runs/20260101-000000-00000000:cancel", null);
        using var malformed = await server.Client.PostAsync("/v1/runs/not-a-run:cancel", null);

        var problem = await Problem.ReadAsync(finished, HttpStatusCode.Conflict);
        problem.Detail.ShouldContain($"run {run.RunId} has already finished (SUCCEEDED)");
        (await Problem.ReadAsync(unknown, HttpStatusCode.NotFound)).Detail.ShouldContain("no run 20260101-000000-00000000");
        (await Problem.ReadAsync(malformed, HttpStatusCode.BadRequest)).Detail.ShouldContain("'not-a-run' is not a run id");
        (await server.GetRunAsync(run.RunId)).State.ShouldBe("SUCCEEDED");
    }
}
