using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>Every kind of event the machine can be handed, as the transition table's columns.</summary>
public enum EventKind
{
    RunRequested,
    ActiveJobQueued,
    ActiveJobScheduled,
    ActiveJobRunning,
    ActiveJobSucceeded,
    ActiveJobFailed,
    ActiveJobCancelled,
    ActiveJobDeletionInProgress,

    /// <summary>The job runner does not know the active job (Batch's <c>jobs.get</c> answered 404).</summary>
    ActiveJobNotFound,

    /// <summary>A report from the job before the active one (an older attempt or an earlier stage).</summary>
    StaleJobReport,

    /// <summary>A report about another run's job.</summary>
    UnknownJobReport,

    /// <summary>10 tasks counted for the run's latest builder job.</summary>
    InputsCounted,

    /// <summary>Task 0 of the run's latest runner job failed.</summary>
    FailedTasksListed,
    CancelRequested,
    ResumeRequested,
    DeadlineNotYetPassed,
    DeadlinePassed,

    /// <summary>The active job still waits in the queue a week after it was submitted.</summary>
    QueueTimeoutPassed,

    /// <summary>The last command the run issued (other than its metadata) failed permanently.</summary>
    LastCommandFailed,

    /// <summary>A command the run never issued failed permanently.</summary>
    OtherCommandFailed,
}

internal static class EventKinds
{
    /// <summary>The event of <paramref name="kind"/> for the run in <paramref name="run"/>, and the time to decide it at.</summary>
    public static (RunEvent Event, DateTimeOffset Now) Create(EventKind kind, RunBuilder run)
    {
        var state = run.State;
        var id = run.NextEventId();
        // Pending has no job: its "active" and "stale" reports name the builder job it would submit.
        var active = state.ActiveJob?.Id ?? RunBuilder.Builder(1);
        var previous = state.Jobs.Count >= 2 ? state.Jobs[^2].Id : RunBuilder.Builder(1);
        var latestBuilder = state.Jobs.LastOrDefault(job => job.Id.Stage == Stage.Builder)?.Id ?? RunBuilder.Builder(1);
        var latestRunner = state.Jobs.LastOrDefault(job => job.Id.Stage == Stage.Runner)?.Id ?? RunBuilder.Runner(1);
        var soon = run.Now.AddMinutes(1);
        RunEvent @event = kind switch
        {
            EventKind.RunRequested => new RunRequested(id),
            EventKind.ActiveJobQueued => new JobStateChanged(id, active, JobState.Queued),
            EventKind.ActiveJobScheduled => new JobStateChanged(id, active, JobState.Scheduled),
            EventKind.ActiveJobRunning => new JobStateChanged(id, active, JobState.Running),
            EventKind.ActiveJobSucceeded => new JobStateChanged(id, active, JobState.Succeeded),
            EventKind.ActiveJobFailed => new JobStateChanged(id, active, JobState.Failed),
            EventKind.ActiveJobCancelled => new JobStateChanged(id, active, JobState.Cancelled),
            EventKind.ActiveJobDeletionInProgress => new JobStateChanged(id, active, JobState.DeletionInProgress),
            EventKind.ActiveJobNotFound => new JobNotFound(id, active),
            EventKind.StaleJobReport => new JobStateChanged(id, previous, JobState.Running),
            EventKind.UnknownJobReport => new JobStateChanged(id, new JobId(active.Stage, RunBuilder.OtherRun, active.Attempt), JobState.Running),
            EventKind.InputsCounted => new InputsCounted(id, latestBuilder, 10, run.State.ManualResumes),
            EventKind.FailedTasksListed => new FailedTasksListed(id, latestRunner, new ValueList<FailedTask>([new FailedTask(0, 1)])),
            EventKind.CancelRequested => new CancelRequested(id, "asked by a test"),
            EventKind.ResumeRequested => new ResumeRequested(id),
            EventKind.DeadlineNotYetPassed or EventKind.DeadlinePassed => new DeadlinePassed(id),
            EventKind.QueueTimeoutPassed => new QueueTimeoutPassed(id, active),
            EventKind.LastCommandFailed => new CommandFailedPermanently(id, run.LastCommand?.CommandId ?? $"submit:{active}", "permission denied"),
            EventKind.OtherCommandFailed => new CommandFailedPermanently(id, $"submit:{RunBuilder.Runner(99)}", "permission denied"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var now = kind switch
        {
            EventKind.DeadlinePassed => state.Deadline?.AddMinutes(1) ?? soon.AddDays(1000),
            EventKind.QueueTimeoutPassed => (state.ActiveJob?.SubmittedAt ?? run.Now).AddDays(7),
            _ => soon,
        };
        return (@event, now);
    }
}
