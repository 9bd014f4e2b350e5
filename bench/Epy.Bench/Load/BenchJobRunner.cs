using System.Collections.Concurrent;
using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Bench.Load;

/// <summary>
/// Batch for the load figures: records when each job was submitted (and how often: a second submit of
/// one job id would be a duplicate), and lists every task of a failed job as failed (exit 50001 or 3).
/// </summary>
internal sealed class BenchJobRunner : IJobRunner
{
    private readonly ConcurrentDictionary<JobId, long> _submittedAt = new();
    private readonly ConcurrentDictionary<JobId, int> _taskCounts = new();
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

    public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken) => Task.FromResult<JobStatus?>(null);

    public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken)
    {
        var count = _taskCounts.GetValueOrDefault(job, 1);
        return Task.FromResult<IReadOnlyList<FailedTask>>([.. Enumerable.Range(0, count).Select(i => new FailedTask(i, i % 3 == 0 ? 50001 : 3))]);
    }
}
