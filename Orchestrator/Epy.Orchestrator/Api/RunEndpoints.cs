using System.Diagnostics;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Reconciling;
using Epy.Orchestrator.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Epy.Orchestrator.Api;

/// <summary>The HTTP API under <c>/v1</c>; errors are RFC 7807 problem details.</summary>
public static class RunEndpoints
{
    /// <summary>The largest request body accepted.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Maps <c>/v1/runs...</c> (with <c>/v1/runs/{id}/history</c>, the whole history in pages), <c>/v1/reconcile</c> and <c>/healthz</c>.</summary>
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" }));
        var v1 = app.MapGroup("/v1").AddEndpointFilter<CrossSiteRequestFilter>().AddEndpointFilter<Cloud.Auth.ApiCallerCheck>();
        v1.MapPost("/runs", StartAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        v1.MapGet("/runs", ListAsync);
        v1.MapGet("/runs/{id}", GetAsync);
        v1.MapGet("/runs/{id}/history", HistoryAsync);
        v1.MapPost("/runs/{id}:cancel", CancelAsync);
        v1.MapPost("/runs/{id}:resume", ResumeAsync);
        v1.MapPost("/reconcile", ReconcileAsync);
        return app;
    }

    /// <summary>The default <c>page_size</c> of <c>GET /v1/runs</c>; larger sizes are clamped to <see cref="RunQuery.MaxPageSize"/>.</summary>
    public const int DefaultPageSize = 50;

    private static async Task<Results<JsonHttpResult<RunView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        HttpRequest http, RunService runs, ArtifactLayout layout, TimeProvider time, CancellationToken cancellationToken)
    {
        StartRunRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<StartRunRequest>(http.Body, OrchestratorJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException malformed)
        {
            return Problem(StatusCodes.Status400BadRequest, "malformed JSON body", $"{malformed.Message}");
        }
        catch (BadHttpRequestException tooLarge)
        {
            return Problem(tooLarge.StatusCode, "bad request body", tooLarge.Message);
        }
        if (body is null)
            return Problem(StatusCodes.Status400BadRequest, "missing body", "expected a JSON object with at least exp_id");

        var headers = http.Headers;
        var key = headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 } clientKey ? IdempotencyKey.FromClient(clientKey) : null;
        var requestedBy = headers["X-Epy-Client"].FirstOrDefault() is { Length: > 0 and <= 40 } client ? Labels.SanitizeValue(client) : "api";
        if (headers["X-CloudScheduler-JobName"].FirstOrDefault() is { Length: > 0 } job)
        {
            // A retried or duplicated schedule tick names the same job and time: one run. Without its time
            // (Scheduler always sends it; a 400 would not be retried) the tick is the current minute.
            // A scheduler call's key is always the tick's: a fixed Idempotency-Key on the job would make every tick one run.
            key = IdempotencyKey.FromCloudScheduler(job, headers["X-CloudScheduler-ScheduleTime"].FirstOrDefault(), time.GetUtcNow());
            requestedBy = $"scheduler:{Labels.SanitizeValue(job.Split('/')[^1])}";
        }

        var outcome = await runs.StartAsync(body, key, requestedBy, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            StartOutcome.Started started => TypedResults.Json(RunViews.From(started.Run, layout.DirPrefix, outputs: null), OrchestratorJson.Options, statusCode: StatusCodes.Status201Created),
            StartOutcome.Repeated repeated => TypedResults.Json(RunViews.From(repeated.Run, layout.DirPrefix, outputs: null), OrchestratorJson.Options),
            StartOutcome.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors, title: "invalid run request"),
            StartOutcome.NotFound missing => Problem(StatusCodes.Status404NotFound, "experiment not found", missing.Message),
            StartOutcome.Conflict conflict => Problem(StatusCodes.Status409Conflict, "conflicts with an existing run", conflict.Message),
            StartOutcome.KeyReused reused => Problem(StatusCodes.Status422UnprocessableEntity, "idempotency key reused for a different request", reused.Message),
            _ => throw new UnreachableException($"unknown start outcome {outcome}"),
        };
    }

    private static async Task<Results<JsonHttpResult<RunList>, ValidationProblem>> ListAsync(
        IRunStore store, ArtifactLayout layout, CancellationToken cancellationToken,
        [FromQuery(Name = "exp_id")] string? expId = null, [FromQuery(Name = "state")] string? state = null,
        [FromQuery(Name = "page_size")] int? pageSize = null, [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ExperimentId? experiment = null;
        if (expId is not null)
        {
            if (ExperimentId.TryParse(expId, out var parsed, out var reason))
                experiment = parsed;
            else
                errors["exp_id"] = [$"exp_id {reason}"];
        }
        RunStatus? status = null;
        if (state is not null)
        {
            if (RunStatuses.TryParse(state, out var parsed))
                status = parsed;
            else
                errors["state"] = [$"'{state}' is not a run state (PENDING, BUILDING_INPUTS, RUNNING_TASKS, AGGREGATING, SUCCEEDED, FAILED, CANCELLING, CANCELLED)"];
        }
        RunId? after = null;
        if (pageToken is not null)
        {
            if (RunId.TryParse(pageToken, out var parsed))
                after = parsed;
            else
                errors["page_token"] = ["is not a page token from a previous page"];
        }
        // Above the limit a page is clamped to it (the next page token reaches the rest), as Google's APIs do.
        var size = Math.Min(pageSize ?? DefaultPageSize, RunQuery.MaxPageSize);
        if (size < 1)
            errors["page_size"] = [$"must be at least 1 (at most {RunQuery.MaxPageSize} runs come in a page)"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "invalid query");

        var page = await store.ListAsync(new RunQuery(experiment, status, size, after), cancellationToken).ConfigureAwait(false);
        var runs = page.Runs.Select(run => RunViews.From(run, layout.DirPrefix, outputs: null) with { History = [] }).ToList();
        return TypedResults.Json(new RunList(runs, page.Next?.Value), OrchestratorJson.Options);
    }

    private static async Task<Results<JsonHttpResult<RunView>, ProblemHttpResult>> GetAsync(string id, IRunStore store, IRunArtifacts artifacts, ArtifactLayout layout, CancellationToken cancellationToken)
    {
        if (!RunId.TryParse(id, out var run))
            return NotARunId(id);
        var stored = await store.GetAsync(run, cancellationToken).ConfigureAwait(false);
        if (stored is null)
            return RunNotFound(id);
        return TypedResults.Json(await RunDetails.ReadAsync(stored, layout.DirPrefix, artifacts, cancellationToken).ConfigureAwait(false), OrchestratorJson.Options);
    }

    private static async Task<Results<JsonHttpResult<HistoryPage>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string id, IRunStore store, CancellationToken cancellationToken,
        [FromQuery(Name = "page_size")] int? pageSize = null, [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        if (!RunId.TryParse(id, out var run))
            return NotARunId(id);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        long from = 0;
        if (pageToken is not null)
        {
            if (RunHistoryPages.ParseToken(pageToken) is { } parsed)
                from = parsed;
            else
                errors["page_token"] = ["is not a page token from a previous page"];
        }
        if (pageSize is < 1)
            errors["page_size"] = [$"must be at least 1 (at most {RunHistoryPages.MaxPageSize} entries come in a page)"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "invalid query");
        var stored = await store.GetAsync(run, cancellationToken).ConfigureAwait(false);
        if (stored is null)
            return RunNotFound(id);
        var page = await RunHistoryPages.ReadAsync(store, stored, from, pageSize ?? RunHistoryPages.DefaultPageSize, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(page, OrchestratorJson.Options);
    }

    private static async Task<Results<JsonHttpResult<RunView>, ProblemHttpResult>> CancelAsync(string id, RunService runs, ArtifactLayout layout, CancellationToken cancellationToken)
    {
        if (!RunId.TryParse(id, out var run))
            return NotARunId(id);
        return Answer(id, await runs.CancelAsync(run, "requested through the API", cancellationToken).ConfigureAwait(false), layout);
    }

    private static async Task<Results<JsonHttpResult<RunView>, ProblemHttpResult>> ResumeAsync(string id, RunService runs, ArtifactLayout layout, CancellationToken cancellationToken)
    {
        if (!RunId.TryParse(id, out var run))
            return NotARunId(id);
        return Answer(id, await runs.ResumeAsync(run, cancellationToken).ConfigureAwait(false), layout);
    }

    private static async Task<JsonHttpResult<ReconcileReport>> ReconcileAsync(Reconciler reconciler, CancellationToken cancellationToken) =>
        TypedResults.Json(await reconciler.ReconcileAsync(TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false), OrchestratorJson.Options);

    private static Results<JsonHttpResult<RunView>, ProblemHttpResult> Answer(string id, HandledEvent handled, ArtifactLayout layout)
    {
        if (handled.Run is null)
            return RunNotFound(id);
        if (handled.Decision is { Outcome: Outcome.Rejected } rejected)
        {
            var detail = rejected.Reason switch
            {
                Reason.CannotCancelFinished => $"run {id} has already finished ({handled.Run.State.Status.ToWire()})",
                Reason.CannotResumeUnlessStopped => $"run {id} is {handled.Run.State.Status.ToWire()}; only a FAILED or CANCELLED run can be resumed",
                Reason.ResumeLimitReached => $"run {id} was resumed {handled.Run.State.ManualResumes} times, the most a run may be; start a new run",
                Reason.LastAttemptStillRuns => $"run {id}'s last attempt, job {handled.Run.State.ActiveJob?.Id}, is still running per the job runner; resume it once that job has ended (or cancel the run first)",
                Reason.LastAttemptUnknown => $"run {id}'s last attempt, job {handled.Run.State.ActiveJob?.Id}, could not be read from the job runner; try again shortly",
                _ => rejected.Reason.ToString(),
            };
            return rejected.Reason == Reason.LastAttemptUnknown
                ? Problem(StatusCodes.Status503ServiceUnavailable, "the job runner did not answer", detail)
                : Problem(StatusCodes.Status409Conflict, "not possible in the run's state", detail);
        }
        return TypedResults.Json(RunViews.From(handled.Run, layout.DirPrefix, outputs: null), OrchestratorJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static ProblemHttpResult NotARunId(string id) =>
        Problem(StatusCodes.Status400BadRequest, "not a run id", $"'{id}' is not a run id; expected UTC time and 8 hex digits like 20261124-101500-a1b2c3d4");

    private static ProblemHttpResult RunNotFound(string id) => Problem(StatusCodes.Status404NotFound, "run not found", $"no run {id}");

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
