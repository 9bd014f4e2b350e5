namespace Epy.Testing.Batch;

/// <summary>How the fake Batch server behaves.</summary>
public sealed class FakeBatchServerOptions
{
    /// <summary>The one project it serves; others get 403 PERMISSION_DENIED.</summary>
    public string Project { get; init; } = "test-project";

    /// <summary>The regions it knows; others get 404 NOT_FOUND.</summary>
    public IReadOnlyList<string> Regions { get; init; } = ["us-central1"];

    /// <summary>What each task runs (default: a script that succeeds).</summary>
    public FakeTaskCommand TaskCommand { get; init; } = FakeTaskCommand.Bash("exit 0");

    /// <summary>Where task logs go (default: a temporary folder).</summary>
    public string? LogsDirectory { get; init; }

    /// <summary>The pause between a job's state changes (QUEUED, SCHEDULED, ...).</summary>
    public TimeSpan StepDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The most tasks a list page holds, whatever pageSize asks.</summary>
    public int MaxPageSize { get; init; } = 100;

    /// <summary>Receives job state notifications (default: none kept).</summary>
    public IBatchNotifier? Notifier { get; init; }

    /// <summary>
    /// Simulates a lost VM: given (job id, task index, retry attempt), Batch's exit code for the loss
    /// (50001 a preempted spot VM, ... 50006), or null to run the task. A process cannot exit with such
    /// codes (exit statuses are 8-bit): Batch reports them itself.
    /// </summary>
    public Func<string, int, int, int?>? VmFailure { get; init; }

    /// <summary>Jobs stay QUEUED until <see cref="FakeBatchServer.ReleaseQueue"/>.</summary>
    public bool HoldQueue { get; init; }

    /// <summary>
    /// Given a job id, true for a job that never leaves QUEUED (no capacity or quota for it, ever) until it
    /// is cancelled; null or false lets it run.
    /// </summary>
    public Func<string, bool>? NeverSchedules { get; init; }

    /// <summary>
    /// Given a job id, the description of a status event Batch adds while the job waits in the queue (a quota
    /// check, no capacity, a Spot stockout), or null for none. Added once, when the job would leave QUEUED.
    /// </summary>
    public Func<string, string?>? QueueEvent { get; init; }

    /// <summary>
    /// Awaited once a task is RUNNING, before its work (given the job id, the task index and the job's cancellation):
    /// holds a task as long work does, until the returned task ends or the job is cancelled or deleted. Null: no hold.
    /// </summary>
    public Func<string, int, CancellationToken, Task>? TaskGate { get; init; }

    /// <summary>Timestamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
