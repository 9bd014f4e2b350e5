using System.Collections.Concurrent;
using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Bench.Load;

/// <summary>
/// Batch for the load figures: records when each job was submitted (and how often: a second submit of
/// one job id would be a duplicate), confirms the state the bench pushes (<c>jobs.get</c>), and lists every task
/// of a failed job as failed (exit 50001 or 3).
/// </summary>
internal sealed class BenchJobRunner : IJobRunner
{
    private readonly ConcurrentDictionary<JobId, long> _submittedAt = new();
    private readonly ConcurrentDictionary<JobId, int> _taskCounts = new();
    private readonly ConcurrentDictionary<JobId, JobState> _states = new();
    private int _submits;

    public int Submits => Volatile.Read(ref _submits);

    public int DistinctJobs => _submittedAt.Count;

    /// <summary>When <paramref name="job"/> was submitted (a Stopwatch timestamp), or null.</summary>
    public long? SubmittedAt(JobId job) => _submittedAt.TryGetValue(job, out var at) ? at : null;

    public Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Interlocked.Increment(ref _submits);
        _submittedAt.TryAdd(spec.Id, Stopwatch.GetTimestamp());
        _taskCounts[spec.Id] = spec.TaskCount;
        return Task.CompletedTask;
    }

    public Task CancelAsync(JobId job, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The state the bench is about to push for <paramref name="job"/>: <c>jobs.get</c> confirms it, as Batch would.</summary>
    public void Report(JobId job, JobState state) => _states[job] = state;

    public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken)
    {
        if (!_states.TryGetValue(job, out var state))
            return Task.FromResult<JobStatus?>(null);
        var count = _taskCounts.GetValueOrDefault(job, 1);
        var counts = state switch
        {
            JobState.Succeeded => new TaskCounts(0, 0, count, 0),
            JobState.Failed => new TaskCounts(0, 0, 0, count),
            JobState.Running => new TaskCounts(0, count, 0, 0),
            _ => new TaskCounts(count, 0, 0, 0),
        };
        return Task.FromResult<JobStatus?>(new JobStatus(state, counts));
    }

    public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken)
    {
        var count = _taskCounts.GetValueOrDefault(job, 1);
        return Task.FromResult<IReadOnlyList<FailedTask>>([.. Enumerable.Range(0, count).Select(i => new FailedTask(i, i % 3 == 0 ? 50001 : 3))]);
    }
}
