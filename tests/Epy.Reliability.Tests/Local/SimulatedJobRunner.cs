using System.Collections.Concurrent;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Epy.Reliability.Tests.Faults;
using Epy.Reliability.Tests.Harness;

namespace Epy.Reliability.Tests.Local;

/// <summary>
/// The local mode's job pool, fast: each job runs in memory (QUEUED, SCHEDULED, RUNNING, then SUCCEEDED or
/// FAILED) with its tasks' exit codes from the run's scenario, retried as the job's policy says
/// (<see cref="JobSpec.MaxRetryCount"/> tries of its retryable exit codes), instead of child processes:
/// the point is the orchestrator's guarantees, not the stage program. Like the real pool it creates a job
/// id once (a repeated submit is a no-op), cancels idempotently, and reports state changes as events with
/// deterministic ids. What the run's scenario says the job system does (<see cref="ScenarioControl"/>) it
/// does too: a refused call throws a transient failure, a hanging one times out after a second.
/// </summary>
public sealed class SimulatedJobRunner(WorldContext context, StageEffects stages) : IJobRunner
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<JobId, SimulatedJob> _jobs = new();
    private readonly ConcurrentDictionary<JobId, SimulatedJob> _deleted = new();

    /// <summary>The ids of every job created (deleted ones included).</summary>
    public IEnumerable<JobId> Jobs => _jobs.Keys.Concat(_deleted.Keys);

    /// <summary>The job, or null (never created, or deleted).</summary>
    public SimulatedJob? Find(string jobId) => JobId.TryParse(jobId, out var id) && _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>How many submits named the job, deleted or not.</summary>
    public int CreateRequests(string jobId) =>
        JobId.TryParse(jobId, out var id) && (_jobs.TryGetValue(id, out var job) || _deleted.TryGetValue(id, out job)) ? job.CreateRequests : 0;

    public async Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await BeforeAsync(BatchCall.Submit, spec.Id, cancellationToken);
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
    }

    public async Task CancelAsync(JobId job, CancellationToken cancellationToken)
    {
        await BeforeAsync(BatchCall.Cancel, job, cancellationToken);
        if (!_jobs.TryGetValue(job, out var found))
            return;
        if (context.Scenarios.TryGetValue(job.Run, out var scenario) && scenario.SucceedsBeforeCancel(job))
        {
            // The cancel arrives just after the job's tasks finished: the job ends SUCCEEDED, the cancel changes
            // nothing. Every cancel of it (a first one may be cut short by a kill before the job ended).
            if (context.Control.Once(job.Run, "late-succeeded"))
                context.Ledger.Inject(FaultKind.LateSucceededAfterDeadline, job.Run);
            context.Control.LetRun(job.Run);
            await found.Execution.WaitAsync(cancellationToken);
        }
        found.Cancel.Cancel();
    }

    public async Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken)
    {
        await BeforeAsync(BatchCall.Get, job, cancellationToken);
        return _jobs.TryGetValue(job, out var found) ? found.Status() : null;
    }

    public async Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken)
    {
        await BeforeAsync(BatchCall.ListTasks, job, cancellationToken);
        return _jobs.TryGetValue(job, out var found) ? found.FailedTasks() : [];
    }

    private async Task BeforeAsync(BatchCall call, JobId job, CancellationToken cancellationToken)
    {
        switch (context.Control.Before(call, job))
        {
            case BatchAnswer.Refuse:
                throw new CommandFailedException($"injected: the job runner refused {call} of {job} (try again)", permanent: false);
            case BatchAnswer.Hang:
                await Task.Delay(HangTimeout, cancellationToken);
                throw new TimeoutException($"injected: the job runner did not answer {call} of {job}");
        }
    }

    /// <summary>The job is deleted behind the orchestrator's back: it stops at once, reports nothing, and is gone.</summary>
    private void Delete(SimulatedJob job)
    {
        if (!_jobs.TryRemove(job.Spec.Id, out _))
            return;
        _deleted[job.Spec.Id] = job;
        job.Deleted = true;
        job.Cancel.Cancel();
    }

    private async Task ExecuteAsync(SimulatedJob job)
    {
        var cancel = job.Cancel.Token;
        try
        {
            await Task.Delay(5, cancel);
            if (context.Scenarios[job.Spec.Id.Run].WaitsQueued(job.Spec.Id))
                await Task.Delay(Timeout.Infinite, cancel);
            Report(job, JobState.Scheduled);
            await Task.Delay(5, cancel);
            Report(job, JobState.Running);
            // No push path locally (events come from the pool in the same process): nothing to forge.
            await context.Control.HoldAsync(job.Spec.Id, () => Delete(job), () => Task.CompletedTask, cancel);
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
            if (!job.Deleted)
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
