using System.Collections.Concurrent;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Tests.Fakes;

/// <summary>
/// Cloud Batch as the orchestrator sees it through <see cref="IJobRunner"/>: creating a job id that exists is a
/// no-op, cancelling an unknown job is a no-op (Batch's 404, counted as done), <c>jobs.get</c> of an unknown job
/// is null. Jobs change state only when a test says so (Batch's own progress), or on cancel. Faults: submits
/// that fail (503) and calls that hang until their caller gives up.
/// </summary>
public sealed class FakeBatch : IJobRunner
{
    private readonly ConcurrentDictionary<JobId, JobStatus> _jobs = new();
    private readonly ConcurrentQueue<string> _calls = new();
    private int _failingSubmits;

    /// <summary>Every call made, in order: <c>submit {job}</c>, <c>cancel {job}</c>, <c>get {job}</c>, <c>list {job}</c>.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>Every job ever created.</summary>
    public IReadOnlyCollection<JobId> Created => [.. _jobs.Keys];

    /// <summary>While true every call waits until its caller cancels it (Batch hanging, not failing).</summary>
    public bool Hanging { get; set; }

    /// <summary>While true <c>jobs.get</c> fails (Batch answering 503).</summary>
    public bool FailGets { get; set; }

    /// <summary>Jobs whose cancel Batch accepts but which run on (the cancel is too late: they succeed, say).</summary>
    public HashSet<JobId> IgnoringCancel { get; } = [];

    /// <summary>The failed tasks a failed job reports.</summary>
    public IReadOnlyList<FailedTask> FailedTasks { get; set; } = [new FailedTask(0, 1)];

    /// <summary>Called by a submit about to answer 503, before it answers (what happens meanwhile elsewhere).</summary>
    public Func<Task>? BeforeRefusingSubmit { get; set; }

    /// <summary>Called by a submit about to create its job, before it does (a submit in flight while something else happens).</summary>
    public Func<Task>? BeforeCreating { get; set; }

    /// <summary>The next <paramref name="count"/> submits answer 503 (nothing is created).</summary>
    public void FailSubmits(int count) => _failingSubmits = count;

    /// <summary>The job's state, or null when Batch does not know it.</summary>
    public JobState? StateOf(JobId job) => _jobs.TryGetValue(job, out var status) ? status.State : null;

    /// <summary>Batch moves <paramref name="job"/> to <paramref name="state"/> (or creates it so, as a submit landing late does).</summary>
    public void Set(JobId job, JobState state) =>
        _jobs[job] = new JobStatus(state, state == JobState.Succeeded ? new TaskCounts(0, 0, 1, 0) : new TaskCounts(0, 0, 0, 0));

    /// <summary>Batch keeps <paramref name="job"/> waiting in <paramref name="state"/> (QUEUED or SCHEDULED), saying <paramref name="why"/> in its status events.</summary>
    public void Wait(JobId job, JobState state, string? why) =>
        _jobs[job] = new JobStatus(state, new TaskCounts(1, 0, 0, 0), WaitReason: why);

    /// <summary>Someone deletes <paramref name="job"/> behind the orchestrator's back.</summary>
    public void Delete(JobId job) => _jobs.TryRemove(job, out _);

    /// <inheritdoc />
    public async Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await CallAsync($"submit {spec.Id}", cancellationToken);
        if (Interlocked.Decrement(ref _failingSubmits) >= 0)
        {
            if (BeforeRefusingSubmit is { } meanwhile)
                await meanwhile();
            throw new HttpRequestException("503 Service Unavailable");
        }
        if (BeforeCreating is { } inFlight)
            await inFlight();
        _jobs.TryAdd(spec.Id, new JobStatus(JobState.Queued, new TaskCounts(spec.TaskCount, 0, 0, 0)));
    }

    /// <inheritdoc />
    public async Task CancelAsync(JobId job, CancellationToken cancellationToken)
    {
        await CallAsync($"cancel {job}", cancellationToken);
        if (_jobs.TryGetValue(job, out var status) && !status.State.IsFinal() && !IgnoringCancel.Contains(job))
            _jobs[job] = status with { State = JobState.Cancelled };
    }

    /// <inheritdoc />
    public async Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken)
    {
        await CallAsync($"get {job}", cancellationToken);
        if (FailGets)
            throw new HttpRequestException("503 Service Unavailable");
        return _jobs.TryGetValue(job, out var status) ? status : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken)
    {
        await CallAsync($"list {job}", cancellationToken);
        return FailedTasks;
    }

    private async Task CallAsync(string call, CancellationToken cancellationToken)
    {
        _calls.Enqueue(call);
        if (Hanging)
            await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
