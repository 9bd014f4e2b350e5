using System.Net;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>A repeated POST /v1/runs (client retry, duplicated scheduler tick) starts one run.</summary>
public sealed class IdempotencyTests
{
    private const string Body = $$"""{"exp_id": "{{ForecastRepo.Experiment}}"}""";
    private const string SchedulerJob = "projects/p/locations/us-east1/jobs/weekly-flu";

    [Fact]
    public async Task SameIdempotencyKey_ReturnsTheSameRun_201Then200()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));

        using var first = await server.PostJsonAsync("/v1/runs", Body, ("Idempotency-Key", "round-2026-47"));
        using var second = await server.PostJsonAsync("/v1/runs", Body, ("Idempotency-Key", "round-2026-47"));
        using var other = await server.PostJsonAsync("/v1/runs", Body, ("Idempotency-Key", "round-2026-48"));

        var a = await ReadRunAsync(first, HttpStatusCode.Created);
        var b = await ReadRunAsync(second, HttpStatusCode.OK);
        var c = await ReadRunAsync(other, HttpStatusCode.Created);
        b.RunId.ShouldBe(a.RunId);
        c.RunId.ShouldNotBe(a.RunId);
        (await server.ListRunsAsync()).Runs.Select(r => r.RunId).Order().ShouldBe(new[] { a.RunId, c.RunId }.Order());
        await server.WaitForEndAsync(a.RunId, "SUCCEEDED");
        await server.WaitForEndAsync(c.RunId, "SUCCEEDED");
        server.Fake!.Completions("builder").ShouldBe(2, "one builder per run, none for the repeat");
    }

    [Fact]
    public async Task ConcurrentRepeats_OfOneIdempotencyKey_CreateOneRun()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => server.PostJsonAsync("/v1/runs", Body, ("Idempotency-Key", "retry-storm"))));

        try
        {
            responses.Select(r => r.StatusCode).ShouldAllBe(status => status == HttpStatusCode.Created || status == HttpStatusCode.OK);
            responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
            var ids = await Task.WhenAll(responses.Select(async r => JsonSerializer.Deserialize<RunView>(await r.Content.ReadAsStringAsync(), OrchestratorJson.Options)!.RunId));
            ids.Distinct().Count().ShouldBe(1);
            (await server.ListRunsAsync()).Runs.Count.ShouldBe(1);
        }
        finally
        {
            foreach (var response in responses)
                response.Dispose();
        }
    }

    [Fact]
    public async Task CloudSchedulerHeaders_DedupeOnJobAndScheduleTime()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        (string, string)[] tick = [("X-CloudScheduler-JobName", SchedulerJob), ("X-CloudScheduler-ScheduleTime", "2026-11-25T11:00:00Z")];
        (string, string)[] nextTick = [("X-CloudScheduler-JobName", SchedulerJob), ("X-CloudScheduler-ScheduleTime", "2026-12-02T11:00:00Z")];

        using var first = await server.PostJsonAsync("/v1/runs", Body, tick);
        using var retried = await server.PostJsonAsync("/v1/runs", Body, tick);
        using var next = await server.PostJsonAsync("/v1/runs", Body, nextTick);
        using var noTime = await server.PostJsonAsync("/v1/runs", Body, ("X-CloudScheduler-JobName", SchedulerJob));

        var a = await ReadRunAsync(first, HttpStatusCode.Created);
        var b = await ReadRunAsync(retried, HttpStatusCode.OK);
        var c = await ReadRunAsync(next, HttpStatusCode.Created);
        b.RunId.ShouldBe(a.RunId);
        c.RunId.ShouldNotBe(a.RunId);
        a.RequestedBy.ShouldBe("scheduler:weekly-flu");
        (await Problem.ReadAsync(noTime, HttpStatusCode.BadRequest)).Detail.ShouldContain("X-CloudScheduler-ScheduleTime");
        (await server.ListRunsAsync()).Runs.Count.ShouldBe(2);
    }

    [Fact]
    public async Task SameRunId_ReturnsThatRun_ButNotForAnotherExperiment()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        const string runId = "20261124-101500-00000abc";
        var flu = $$"""{"exp_id": "{{ForecastRepo.Experiment}}", "run_id": "{{runId}}"}""";
        var covid = $$"""{"exp_id": "{{ForecastRepo.OtherExperiment}}", "run_id": "{{runId}}"}""";

        using var first = await server.PostJsonAsync("/v1/runs", flu);
        using var again = await server.PostJsonAsync("/v1/runs", flu);
        using var other = await server.PostJsonAsync("/v1/runs", covid);

        (await ReadRunAsync(first, HttpStatusCode.Created)).RunId.ShouldBe(runId);
        (await ReadRunAsync(again, HttpStatusCode.OK)).ExpId.ShouldBe(ForecastRepo.Experiment);
        var problem = await Problem.ReadAsync(other, HttpStatusCode.Conflict);
        problem.Detail.ShouldContain($"run {runId} is a run of {ForecastRepo.Experiment}, not {ForecastRepo.OtherExperiment}");
        (await server.ListRunsAsync()).Runs.ShouldHaveSingleItem().ExpId.ShouldBe(ForecastRepo.Experiment);
    }

    [Fact]
    public async Task SameIdempotencyKey_ForAnotherExperiment_Is409Problem()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));

        using var first = await server.PostJsonAsync("/v1/runs", Body, ("Idempotency-Key", "k-1"));
        using var other = await server.PostJsonAsync("/v1/runs", $$"""{"exp_id": "{{ForecastRepo.OtherExperiment}}"}""", ("Idempotency-Key", "k-1"));

        var run = await ReadRunAsync(first, HttpStatusCode.Created);
        (await Problem.ReadAsync(other, HttpStatusCode.Conflict)).Detail.ShouldContain($"run {run.RunId} is a run of {ForecastRepo.Experiment}");
        (await server.ListRunsAsync()).Runs.Count.ShouldBe(1);
    }

    private static async Task<RunView> ReadRunAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonSerializer.Deserialize<RunView>(body, OrchestratorJson.Options)!;
    }
}
