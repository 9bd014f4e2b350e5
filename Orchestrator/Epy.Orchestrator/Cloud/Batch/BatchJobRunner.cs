using System.Net;
using System.Text.Json;
using Epy.Google.Resilience;
using Epy.Contracts.Runs;
using Epy.Google.Auth;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>
/// Runs stage jobs on Cloud Batch (REST v1). Creates carry a request id derived from the job id, and an
/// existing job id counts as created, so a repeated submit never starts a second job. State changes
/// reach the orchestrator as Batch's Pub/Sub notifications; <see cref="GetAsync"/> serves the reconciler.
/// Bad requests, denied permissions and a missing project or region fail for good
/// (<see cref="CommandFailedException.Permanent"/>); everything else is retried, then reported as transient.
/// </summary>
public sealed partial class BatchJobRunner : IJobRunner
{
    private const int PageSize = 500;

    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly BatchOptions _options;
    private readonly ILogger<BatchJobRunner> _log;
    private readonly Polly.ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates the runner; <paramref name="http"/> has no base address of its own (the options give it).</summary>
    public BatchJobRunner(HttpClient http, IAccessTokenSource tokens, BatchOptions options, TimeProvider time, ILogger<BatchJobRunner> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _tokens = tokens;
        _options = options;
        _log = log;
        _pipeline = CloudResilience.Http(options.Resilience(), time, reason => LogRetrying(reason));
    }

    /// <inheritdoc />
    public async Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var body = BatchJobBuilder.Build(spec, _options).ToJsonString();
        var path = $"{JobsPath}?jobId={spec.Id.Value}&requestId={BatchRequestIds.ForCreate(spec.Id)}";
        var response = await SendAsync(HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.OK)
        {
            LogSubmitted(spec.Id.Value, spec.TaskCount);
            return;
        }
        var (status, message) = BatchJobReader.Error(response.Body);
        if (response.Status == HttpStatusCode.Conflict && status is null or "ALREADY_EXISTS")
        {
            // Job ids are deterministic: a job with this id is this job, submitted before.
            LogAlreadyExists(spec.Id.Value);
            return;
        }
        throw Failure($"create {spec.Id}", response, status, message, notFoundIsPermanent: true);
    }

    /// <inheritdoc />
    public async Task CancelAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["requestId"] = BatchRequestIds.ForCancel(job).ToString() });
        var response = await SendAsync(HttpMethod.Post, $"{JobPath(job)}:cancel", body, cancellationToken).ConfigureAwait(false);
        if (response.Status is HttpStatusCode.OK or HttpStatusCode.NotFound)
        {
            LogCancelled(job.Value, (int)response.Status);
            return;
        }
        var (status, message) = BatchJobReader.Error(response.Body);
        if (response.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
        {
            // Batch refuses to cancel a job that has finished or is already stopping: that is done too.
            var raw = await GetRawStateAsync(job, cancellationToken).ConfigureAwait(false);
            if (raw is null || raw == BatchJobReader.CancellationInProgress || BatchJobReader.ToJobState(raw).IsFinal())
            {
                LogCancelled(job.Value, (int)response.Status);
                return;
            }
        }
        throw Failure($"cancel {job}", response, status, message, notFoundIsPermanent: false);
    }

    /// <inheritdoc />
    public async Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var response = await SendAsync(HttpMethod.Get, JobPath(job), null, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
            return null;
        if (response.Status != HttpStatusCode.OK)
        {
            var (status, message) = BatchJobReader.Error(response.Body);
            throw Failure($"get {job}", response, status, message, notFoundIsPermanent: false);
        }
        using var document = Parse(response, $"get {job}");
        return BatchJobReader.Status(document.RootElement);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Lists the FAILED tasks, then the UNEXECUTED ones (never run because the job stopped first: they
    /// have no result either, and no exit code), every page of each.
    /// </remarks>
    public async Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var failed = new Dictionary<int, FailedTask>();
        foreach (var state in new[] { "FAILED", "UNEXECUTED" })
        {
            string? token = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            do
            {
                var path = $"{JobPath(job)}/taskGroups/{BatchJobBuilder.TaskGroup}/tasks?filter=State%3D{state}&pageSize={PageSize}"
                    + (token is null ? "" : $"&pageToken={Uri.EscapeDataString(token)}");
                var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
                if (response.Status == HttpStatusCode.NotFound)
                    return [];
                if (response.Status != HttpStatusCode.OK)
                {
                    var (status, message) = BatchJobReader.Error(response.Body);
                    throw Failure($"list {state} tasks of {job}", response, status, message, notFoundIsPermanent: false);
                }
                using var document = Parse(response, $"list tasks of {job}");
                var (tasks, next) = BatchJobReader.TaskPage(document.RootElement);
                foreach (var task in tasks)
                    failed.TryAdd(task.Index, task);
                if (next is not null && !seen.Add(next))
                    throw new CommandFailedException($"Batch repeated the page token while listing tasks of {job}");
                token = next;
            }
            while (token is not null);
        }
        return [.. failed.Values.OrderBy(task => task.Index)];
    }

    private string JobsPath => $"v1/{_options.Parent}/jobs";

    private string JobPath(JobId job) => $"{JobsPath}/{job.Value}";

    private async Task<string?> GetRawStateAsync(JobId job, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, JobPath(job), null, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
            return null;
        if (response.Status != HttpStatusCode.OK)
        {
            var (status, message) = BatchJobReader.Error(response.Body);
            throw Failure($"get {job}", response, status, message, notFoundIsPermanent: false);
        }
        using var document = Parse(response, $"get {job}");
        return BatchJobReader.RawState(document.RootElement) ?? "STATE_UNSPECIFIED";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch job {Job} created ({Tasks} tasks)")]
    private partial void LogSubmitted(string job, int tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch job {Job} exists already: submitted before")]
    private partial void LogAlreadyExists(string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch job {Job} cancelled or already stopped (HTTP {Status})")]
    private partial void LogCancelled(string job, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch call failed ({Reason}); retrying")]
    private partial void LogRetrying(string reason);
}
