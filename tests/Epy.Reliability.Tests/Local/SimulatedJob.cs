using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Reliability.Tests.Local;

/// <summary>One job of the <see cref="SimulatedJobRunner"/>: its spec, state and tasks' final exit codes.</summary>
public sealed class SimulatedJob(JobSpec spec)
{
    private readonly int?[] _exits = new int?[spec.TaskCount];

    public JobSpec Spec { get; } = spec;

    public CancellationTokenSource Cancel { get; } = new();

    public Task Execution { get; set; } = Task.CompletedTask;

    private int _createRequests;

    /// <summary>How many submits named this job.</summary>
    public int CreateRequests => Volatile.Read(ref _createRequests);

    /// <summary>Counts one more submit of this job.</summary>
    public void CountCreate() => Interlocked.Increment(ref _createRequests);

    public JobState State { get; set; } = JobState.Queued;

    /// <summary>True once the job was deleted behind the orchestrator's back.</summary>
    public bool Deleted { get; set; }

    public bool AllSucceeded
    {
        get
        {
            lock (_exits)
                return _exits.All(exit => exit == 0);
        }
    }

    public void Finish(int task, int exit)
    {
        lock (_exits)
            _exits[task] = exit;
    }

    public JobStatus Status()
    {
        lock (_exits)
        {
            var succeeded = _exits.Count(exit => exit == 0);
            var failed = _exits.Count(exit => exit is { } code && code != 0);
            var running = State == JobState.Running ? _exits.Length - succeeded - failed : 0;
            return new JobStatus(State, new TaskCounts(_exits.Length - succeeded - failed - running, running, succeeded, failed));
        }
    }

    public IReadOnlyList<FailedTask> FailedTasks()
    {
        lock (_exits)
            return [.. _exits.Select((exit, index) => (exit, index)).Where(t => t.exit is { } code && code != 0).Select(t => new FailedTask(t.index, t.exit))];
    }
}
