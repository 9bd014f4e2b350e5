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

        var a = await ReadRunAsync(first, HttpStatusCode.Created);
        var b = await ReadRunAsync(retried, HttpStatusCode.OK);
        var c = await ReadRunAsync(next, HttpStatusCode.Created);
        b.RunId.ShouldBe(a.RunId);
        c.RunId.ShouldNotBe(a.RunId);
        a.RequestedBy.ShouldBe("scheduler:weekly-flu");
        (await server.ListRunsAsync()).Runs.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CloudSchedulerCall_WithoutItsScheduleTime_StartsARun_RatherThanA400SchedulerWouldNotRetry()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));

        using var noTime = await server.PostJsonAsync("/v1/runs", Body, ("X-CloudScheduler-JobName", SchedulerJob));

        var run = await ReadRunAsync(noTime, HttpStatusCode.Created);
        run.RequestedBy.ShouldBe("scheduler:weekly-flu");
    }

    [Fact]
    public async Task ClientKey_SpelledLikeASchedulerTick_NeitherClaimsNorBlocksTheScheduledRun()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        const string time = "2026-11-25T11:00:00Z";
        var otherExperiment = $$"""{"exp_id": "{{ForecastRepo.OtherExperiment}}"}""";

        using var squatter = await server.PostJsonAsync("/v1/runs", otherExperiment, ("Idempotency-Key", $"scheduler:{SchedulerJob}:{time}"));
        using var tick = await server.PostJsonAsync("/v1/runs", Body, ("X-CloudScheduler-JobName", SchedulerJob), ("X-CloudScheduler-ScheduleTime", time));

        var squatted = await ReadRunAsync(squatter, HttpStatusCode.Created);
        var scheduled = await ReadRunAsync(tick, HttpStatusCode.Created);
        scheduled.RunId.ShouldNotBe(squatted.RunId);
        scheduled.ExpId.ShouldBe(ForecastRepo.Experiment);
    }

    [Fact]
    public async Task SchedulerCall_WithAFixedIdempotencyKeyHeader_IsStillOneRunPerTick()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));

        using var first = await server.PostJsonAsync("/v1/runs", Body, ("Idempotency-Key", "weekly"), ("X-CloudScheduler-JobName", SchedulerJob), ("X-CloudScheduler-ScheduleTime", "2026-11-25T11:00:00Z"));
        using var next = await server.PostJsonAsync("/v1/runs", Body, ("Idempotency-Key", "weekly"), ("X-CloudScheduler-JobName", SchedulerJob), ("X-CloudScheduler-ScheduleTime", "2026-12-02T11:00:00Z"));

        (await ReadRunAsync(next, HttpStatusCode.Created)).RunId.ShouldNotBe((await ReadRunAsync(first, HttpStatusCode.Created)).RunId);
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
    public async Task SameIdempotencyKey_ForAnotherExperiment_Is422Problem()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));

        using var first = await server.PostJsonAsync("/v1/runs", Body, ("Idempotency-Key", "k-1"));
        using var other = await server.PostJsonAsync("/v1/runs", $$"""{"exp_id": "{{ForecastRepo.OtherExperiment}}"}""", ("Idempotency-Key", "k-1"));

        var run = await ReadRunAsync(first, HttpStatusCode.Created);
        (await Problem.ReadAsync(other, (HttpStatusCode)422)).Detail.ShouldContain($"first used for run {run.RunId} of {ForecastRepo.Experiment}");
        (await server.ListRunsAsync()).Runs.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SameIdempotencyKey_WithOtherLabels_Is422Problem_AndTheSameBodyStillGetsTheFirstRun()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var labelled = $$$"""{"exp_id": "{{{ForecastRepo.Experiment}}}", "labels": {"round": "47"}}""";
        var relabelled = $$$"""{"exp_id": "{{{ForecastRepo.Experiment}}}", "labels": {"round": "48"}}""";

        using var first = await server.PostJsonAsync("/v1/runs", labelled, ("Idempotency-Key", "k-2"));
        using var other = await server.PostJsonAsync("/v1/runs", relabelled, ("Idempotency-Key", "k-2"));
        using var same = await server.PostJsonAsync("/v1/runs", labelled, ("Idempotency-Key", "k-2"), ("X-Epy-Client", "retrying-client"));

        var run = await ReadRunAsync(first, HttpStatusCode.Created);
        (await Problem.ReadAsync(other, (HttpStatusCode)422)).Title.ShouldBe("idempotency key reused for a different request");
        (await ReadRunAsync(same, HttpStatusCode.OK)).RunId.ShouldBe(run.RunId);
    }

    private static async Task<RunView> ReadRunAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonSerializer.Deserialize<RunView>(body, OrchestratorJson.Options)!;
    }
}
