using System.Net;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Google.Auth;
using Epy.Google.Batch;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>
/// Runs stage jobs on Cloud Batch (REST v1). Creates carry a request id derived from the job id, and an
/// existing job id counts as created, so a repeated submit never starts a second job. State changes
/// reach the orchestrator as Batch's Pub/Sub notifications; <see cref="GetAsync"/> serves the reconciler.
/// The REST calls are <see cref="BatchClient"/>'s; this adapts them onto <see cref="IJobRunner"/>.
/// Bad requests, denied permissions and a missing project or region fail for good
/// (<see cref="CommandFailedException.Permanent"/>); everything else is retried, then reported as transient.
/// </summary>
public sealed partial class BatchJobRunner : IJobRunner
{
    private const int PageSize = 500;

    private readonly BatchClient _client;
    private readonly BatchOptions _options;
    private readonly ILogger<BatchJobRunner> _log;

    /// <summary>Creates the runner; <paramref name="http"/> has no base address of its own (the options give it).</summary>
    public BatchJobRunner(HttpClient http, IAccessTokenSource tokens, BatchOptions options, TimeProvider time, ILogger<BatchJobRunner> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log;
        _client = new BatchClient(http, tokens, options.BaseAddress, options.Resilience(), time, reason => LogRetrying(reason));
    }

    /// <inheritdoc />
    public async Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var what = $"create {spec.Id}";
        var body = BatchJobBuilder.Build(spec, _options).ToJsonString();
        try
        {
            await TransportAsync(what, () => _client.CreateJobAsync(_options.Parent, spec.Id.Value, BatchRequestIds.ForCreate(spec.Id).ToString(), body, cancellationToken)).ConfigureAwait(false);
            LogSubmitted(spec.Id.Value, spec.TaskCount);
        }
        catch (BatchException refused) when (refused.StatusCode == HttpStatusCode.Conflict && refused.Status is null or "ALREADY_EXISTS")
        {
            // Job ids are deterministic: a job with this id is this job, submitted before.
            LogAlreadyExists(spec.Id.Value);
        }
        catch (BatchException refused)
        {
            throw Failure(what, refused, notFoundIsPermanent: true);
        }
    }

    /// <inheritdoc />
    public async Task CancelAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var what = $"cancel {job}";
        try
        {
            await TransportAsync(what, () => _client.CancelJobAsync(JobName(job), BatchRequestIds.ForCancel(job).ToString(), cancellationToken)).ConfigureAwait(false);
            LogCancelled(job.Value, (int)HttpStatusCode.OK);
        }
        catch (BatchException refused) when (refused.StatusCode == HttpStatusCode.NotFound)
        {
            LogCancelled(job.Value, (int)refused.StatusCode);
        }
        catch (BatchException refused) when (refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
        {
            // Batch refuses to cancel a job that has finished or is already stopping: that is done too.
            var raw = await GetRawStateAsync(job, cancellationToken).ConfigureAwait(false);
            if (raw is null || raw == BatchJobReader.CancellationInProgress || BatchJobReader.ToJobState(raw).IsFinal())
            {
                LogCancelled(job.Value, (int)refused.StatusCode);
                return;
            }
            throw Failure(what, refused, notFoundIsPermanent: false);
        }
        catch (BatchException refused)
        {
            throw Failure(what, refused, notFoundIsPermanent: false);
        }
    }

    /// <inheritdoc />
    public async Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var document = await GetJobAsync(job, cancellationToken).ConfigureAwait(false);
        return document is null ? null : BatchJobReader.Status(document.RootElement);
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
        var taskGroup = $"{JobName(job)}/taskGroups/{BatchJobBuilder.TaskGroup}";
        foreach (var state in new[] { "FAILED", "UNEXECUTED" })
        {
            var what = $"list {state} tasks of {job}";
            string? token = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            do
            {
                var pageToken = token;
                JsonDocument document;
                try
                {
                    document = await TransportAsync(what, () => _client.ListTasksAsync(taskGroup, $"State={state}", PageSize, pageToken, cancellationToken)).ConfigureAwait(false);
                }
                catch (BatchException refused) when (refused.StatusCode == HttpStatusCode.NotFound)
                {
                    return [];
                }
                catch (BatchException refused)
                {
                    throw Failure(what, refused, notFoundIsPermanent: false);
                }
                using (document)
                {
                    var (tasks, next) = BatchJobReader.TaskPage(document.RootElement);
                    foreach (var task in tasks)
                        failed.TryAdd(task.Index, task);
                    if (next is not null && !seen.Add(next))
                        throw new CommandFailedException($"Batch repeated the page token while listing tasks of {job}");
                    token = next;
                }
            }
            while (token is not null);
        }
        return [.. failed.Values.OrderBy(task => task.Index)];
    }

    private string JobName(JobId job) => $"{_options.Parent}/jobs/{job.Value}";

    /// <summary>The job's JSON, or null when Batch has no such job.</summary>
    private async Task<JsonDocument?> GetJobAsync(JobId job, CancellationToken cancellationToken)
    {
        var what = $"get {job}";
        try
        {
            return await TransportAsync(what, () => _client.GetJobAsync(JobName(job), cancellationToken)).ConfigureAwait(false);
        }
        catch (BatchException refused) when (refused.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (BatchException refused)
        {
            throw Failure(what, refused, notFoundIsPermanent: false);
        }
    }

    private async Task<string?> GetRawStateAsync(JobId job, CancellationToken cancellationToken)
    {
        using var document = await GetJobAsync(job, cancellationToken).ConfigureAwait(false);
        return document is null ? null : BatchJobReader.RawState(document.RootElement) ?? "STATE_UNSPECIFIED";
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
