using System.Collections.Concurrent;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Epy.Reliability.Tests.Harness;

namespace Epy.Reliability.Tests.Local;

/// <summary>
/// The local mode's job pool, fast: each job runs in memory (QUEUED, SCHEDULED, RUNNING, then SUCCEEDED or
/// FAILED) with its tasks' exit codes from the run's scenario, retried as the job's policy says
/// (<see cref="JobSpec.MaxRetryCount"/> tries of its retryable exit codes), instead of child processes:
/// the point is the orchestrator's guarantees, not the stage program. Like the real pool it creates a job
/// id once (a repeated submit is a no-op), cancels idempotently, and reports state changes as events with
/// deterministic ids.
/// </summary>
public sealed class SimulatedJobRunner(WorldContext context, StageEffects stages) : IJobRunner
{
    private readonly ConcurrentDictionary<JobId, SimulatedJob> _jobs = new();

    /// <summary>The ids of every job created.</summary>
    public IEnumerable<JobId> Jobs => _jobs.Keys;

    /// <summary>The job, or null.</summary>
    public SimulatedJob? Find(string jobId) => JobId.TryParse(jobId, out var id) && _jobs.TryGetValue(id, out var job) ? job : null;

    public Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var created = false;
        var job = _jobs.GetOrAdd(spec.Id, _ =>
        {
            created = true;
            return new SimulatedJob(spec);
        });
        job.CountCreate();
        if (created)
        {
            Report(job, JobState.Queued);
            job.Execution = Task.Run(() => ExecuteAsync(job), CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    public Task CancelAsync(JobId job, CancellationToken cancellationToken)
    {
        if (_jobs.TryGetValue(job, out var found))
            found.Cancel.Cancel();
        return Task.CompletedTask;
    }

    public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken) =>
        Task.FromResult(_jobs.TryGetValue(job, out var found) ? found.Status() : null);

    public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FailedTask>>(_jobs.TryGetValue(job, out var found) ? found.FailedTasks() : []);

    private async Task ExecuteAsync(SimulatedJob job)
    {
        var cancel = job.Cancel.Token;
        try
        {
            await Task.Delay(5, cancel);
            if (context.Scenarios[job.Spec.Id.Run].NeverSchedules(job.Spec.Id))
                await Task.Delay(Timeout.Infinite, cancel);
            Report(job, JobState.Scheduled);
            await Task.Delay(5, cancel);
            Report(job, JobState.Running);
            for (var task = 0; task < job.Spec.TaskCount; task++)
            {
                cancel.ThrowIfCancellationRequested();
                for (var retry = 0; ; retry++)
                {
                    var exit = stages.RunTask(job.Spec.Id, task, retry);
                    if (exit != 0 && retry < job.Spec.MaxRetryCount && job.Spec.RetryableExitCodes.Contains(exit))
                        continue;
                    job.Finish(task, exit);
                    break;
                }
            }
            await Task.Delay(5, cancel);
            Report(job, job.AllSucceeded ? JobState.Succeeded : JobState.Failed);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Report(job, JobState.Cancelled);
        }
    }

    private void Report(SimulatedJob job, JobState state)
    {
        job.State = state;
        var id = job.Spec.Id;
        context.Bus.Publish(id.Run, id, state, new JobStateChanged($"{id}:{state.ToBatchName().ToLowerInvariant()}", id, state, job.Status().Counts));
    }
}
