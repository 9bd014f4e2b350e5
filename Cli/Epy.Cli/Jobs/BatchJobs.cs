using System.Text.Json.Nodes;
using Epy.Cli.Targets;
using Epy.Google.Batch;
using Epy.Orchestrator.Cloud.Batch;

namespace Epy.Cli.Jobs;

/// <summary>
/// The Cloud Batch calls of <c>epycloud run job</c>, thin over the shared <see cref="BatchClient"/> (its retries and
/// circuit breaker, the orchestrator's default settings): create a job, read its state, and a failed job's exit code.
/// The CLI's credentials (<see cref="AccessTokens"/>; none for a stand-in); every failure becomes a
/// <see cref="CliException"/> of one sentence (<see cref="BatchErrors"/>).
/// </summary>
public sealed class BatchJobs : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly BatchClient _client;
    private readonly BatchTarget _target;

    /// <summary>Creates the calls of <paramref name="target"/>, with credentials read through <paramref name="env"/>.</summary>
    public BatchJobs(BatchTarget target, Func<string, string?> env, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        _client = new BatchClient(_http, AccessTokens.For(target.Emulator, env), target.BaseAddress, new BatchOptions().Resilience(), time);
    }

    /// <summary><c>jobs.create</c> of <paramref name="body"/> as job <paramref name="jobId"/>; retries repeat one request id, so they make one job.</summary>
    public Task CreateAsync(string jobId, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var requestId = Guid.NewGuid().ToString("D");
        return CallAsync($"creating job {jobId} in {_target.Parent}", async () =>
        {
            await _client.CreateJobAsync(_target.Parent, jobId, requestId, body.ToJsonString(), cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary><c>jobs.get</c>: the job's state.</summary>
    public Task<BatchJobView> GetAsync(string jobId, CancellationToken cancellationToken) =>
        CallAsync($"reading job {jobId}", async () =>
        {
            using var job = await _client.GetJobAsync(_target.JobName(jobId), cancellationToken).ConfigureAwait(false);
            return BatchJobView.From(job.RootElement);
        });

    /// <summary>The last exit code of the job's first failed task (<c>tasks.list</c>, <c>State=FAILED</c>), when Batch says.</summary>
    public Task<int?> FailedExitCodeAsync(string jobId, CancellationToken cancellationToken) =>
        CallAsync($"listing the failed tasks of job {jobId}", async () =>
        {
            using var page = await _client.ListTasksAsync($"{_target.JobName(jobId)}/taskGroups/{BatchJobBuilder.TaskGroup}", "State=FAILED", 1, null, cancellationToken)
                .ConfigureAwait(false);
            var failed = BatchJobReader.TaskPage(page.RootElement).Tasks;
            return failed.Count > 0 ? failed[0].ExitCode : null;
        });

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<T> CallAsync<T>(string doing, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception failure) when (BatchErrors.Explain(failure, doing, _target.BaseAddress) is { } explained)
        {
            throw explained;
        }
    }
}
