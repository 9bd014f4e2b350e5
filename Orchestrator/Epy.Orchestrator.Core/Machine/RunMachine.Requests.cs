using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Machine;

public static partial class RunMachine
{
    private static Decision OnCancelRequested(RunState state, CancelRequested cancel, DateTimeOffset now)
    {
        if (state.Status == RunStatus.Cancelling)
            return Decision.Ignore(state, Reason.AlreadyApplied);
        var reason = $"cancelled: {cancel.Reason}";
        if (state.ActiveJob is { IsFinal: false } active)
            return Decision.Apply(Move(state with { Failure = reason }, RunStatus.Cancelling, now, $"{reason}; stopping {active.Id}"), new CancelJob(state.Run, active.Id));
        // Nothing is running (pending, or between a job's end and the next command): stop at once.
        return Finish(state, RunStatus.Cancelled, now, reason, reason);
    }

    private static Decision OnResumeRequested(RunState state, ResumeRequested resume, RunPolicy policy, DateTimeOffset now)
    {
        // A cancelled run (Ctrl-C of a local run, a cancel from the dashboard) resumes as a failed one does:
        // from the step where it stopped; a runner attempt stopped part-way runs its tasks again.
        if (state.Status is not (RunStatus.Failed or RunStatus.Cancelled))
            return Decision.Reject(state, Reason.CannotResumeUnlessStopped);
        if (state.ManualResumes >= RunState.ManualResumeLimit)
            return Decision.Reject(state, Reason.ResumeLimitReached);

        var last = state.ActiveJob;
        // What the job runner says of the last attempt, when the host read it for this job.
        var read = last is not null && resume.Last is { } facts && facts.Job == last.Id ? facts : null;
        if (read is { Read: false })
            return Decision.Reject(state, Reason.LastAttemptUnknown);
        if (read is { State: { } still } && !still.IsFinal())
            return Decision.Reject(state, Reason.LastAttemptStillRuns);

        var reopened = state with { Failure = null, ManualResumes = state.ManualResumes + 1, Deadline = now + policy.RunDeadline };
        const string what = "resume requested";
        if (last is null)
            return Submit(reopened, Stage.Builder, policy, now, RunStatus.BuildingInputs, $"{what}; builder submitted");

        // A final state the run never heard of (a late SUCCEEDED after a deadline) counts as the attempt's end.
        var lastState = read is { State: { } real } && real.IsFinal() ? real : last.State;
        if (last.Id.Stage == Stage.Runner && lastState != JobState.Succeeded && read?.TasksWithResults is { } results)
            return ResumeWithoutResults(reopened, state.TaskCount, results, policy, now, what);

        return (last.Id.Stage, lastState) switch
        {
            // The job succeeded but the step after it failed: take that step again.
            (Stage.Builder, JobState.Succeeded) =>
                Decision.Apply(Move(reopened, RunStatus.BuildingInputs, now, $"{what}; counting inputs"), new CountInputs(state.Run, state.Experiment, last.Id, reopened.ManualResumes)),
            (Stage.Runner, JobState.Succeeded) =>
                Submit(reopened, Stage.Output, policy, now, RunStatus.Aggregating, $"{what}; output submitted", allowPartial: state.FailedTasks.Count > 0),
            (Stage.Builder, _) => Submit(reopened, Stage.Builder, policy, now, RunStatus.BuildingInputs, $"{what}; builder submitted again"),
            (Stage.Runner, _) => Submit(reopened, Stage.Runner, policy, now, RunStatus.RunningTasks,
                $"{what}; running {ResumeIndices(state, last)?.Count ?? state.TaskCount} tasks again" + SpotFallback(state.FailedTasks, policy),
                indices: ResumeIndices(state, last), standard: FallsBack(state.FailedTasks, policy)),
            _ => Submit(reopened, Stage.Output, policy, now, RunStatus.Aggregating, $"{what}; output submitted again", allowPartial: last.AllowPartialResults),
        };
    }

    /// <summary>
    /// A Stage B resume that knows which results exist: only the tasks without one run again, and when every
    /// task has its result the output stage runs (the tasks all finished, whatever the run last heard).
    /// </summary>
    private static Decision ResumeWithoutResults(RunState reopened, int taskCount, ValueList<int> results, RunPolicy policy, DateTimeOffset now, string what)
    {
        var done = results.ToHashSet();
        var missing = new ValueList<int>(Enumerable.Range(0, taskCount).Where(index => !done.Contains(index)));
        if (missing.Count == 0)
        {
            return Submit(reopened with { FailedTasks = ValueList<FailedTask>.Empty }, Stage.Output, policy, now, RunStatus.Aggregating,
                $"{what}; all {taskCount} task results exist; output submitted");
        }
        var rerun = reopened.FailedTasks.Where(task => missing.Contains(task.Index)).ToList();
        return Submit(reopened, Stage.Runner, policy, now, RunStatus.RunningTasks,
            $"{what}; {missing.Count} of {taskCount} tasks have no result; running them again" + SpotFallback(rerun, policy),
            indices: missing, standard: FallsBack(rerun, policy));
    }

    /// <summary>The run's task indices a resumed runner job runs: the failed ones, else all of the last attempt's.</summary>
    private static ValueList<int>? ResumeIndices(RunState state, JobRecord last) =>
        state.FailedTasks.Count > 0 ? new ValueList<int>(state.FailedTasks.Select(task => task.Index)) : last.TaskIndices;

    private static Decision OnDeadlinePassed(RunState state, DateTimeOffset now)
    {
        if (state.Deadline is not { } deadline || now < deadline)
            return Decision.Ignore(state, Reason.NotExpectedNow);
        var active = state.ActiveJob is { IsFinal: false } running ? running : null;
        if (state.Status == RunStatus.Cancelling)
        {
            // Still stopping: send the cancel again (once: a set StopsAs says the deadline was seen) and keep
            // waiting; the run ends when the job is final or confirmed gone.
            if (state.StopsAs is not null)
                return Decision.Ignore(state, Reason.AlreadyApplied);
            return active is null
                ? Finish(state, RunStatus.Cancelled, now, "deadline passed while stopping the job", state.Failure)
                : Decision.Apply(
                    Note(state with { StopsAs = RunStatus.Cancelled }, now, $"deadline passed while stopping {active.Id}; cancel sent again"),
                    new CancelJob(state.Run, active.Id, Try: 1));
        }
        var reason = $"the run's deadline {deadline:u} passed";
        // A job still runs: stop it first, and fail the run only once it is final (or confirmed gone).
        return active is not null
            ? Decision.Apply(Move(state with { Failure = reason, StopsAs = RunStatus.Failed }, RunStatus.Cancelling, now, $"{reason}; stopping {active.Id}"), new CancelJob(state.Run, active.Id))
            : Finish(state, RunStatus.Failed, now, reason, reason);
    }

    private static Decision OnQueueTimeoutPassed(RunState state, QueueTimeoutPassed waited, RunPolicy policy, DateTimeOffset now)
    {
        if (!TryActiveJob(state, waited.Job, out var job, out var ignored))
            return ignored;
        // Already stopping (a cancel, a deadline): that stop goes on; a job that started waits no more.
        if (state.Status == RunStatus.Cancelling || !job.IsWaiting || policy.For(job.Id.Stage).QueueTimeout is not { } timeout || now - job.SubmittedAt < timeout)
            return Decision.Ignore(state, Reason.NotExpectedNow);
        var reason = $"{job.Id.Stage.Command()} job {job.Id} queued for more than {Span(timeout)}"
            + (job.WaitReason is { } why ? $" (waiting: {why})" : "");
        // Stop it first, and fail the run only once it is final (or confirmed gone), as a deadline does.
        return Decision.Apply(
            Move(state with { Failure = reason, StopsAs = RunStatus.Failed }, RunStatus.Cancelling, now, $"{reason}; stopping {job.Id}"),
            new CancelJob(state.Run, job.Id));
    }

    /// <summary>A span in the words a person uses: <c>6h</c>, <c>90m</c>, <c>1d 2h</c>.</summary>
    private static string Span(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays}d{(span.Hours > 0 ? $" {span.Hours}h" : "")}"
        : span.TotalHours >= 1 && span.Minutes == 0 ? $"{(int)span.TotalHours}h"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m"
        : $"{(int)span.TotalSeconds}s";

    private static Decision OnCommandFailed(RunState state, CommandFailedPermanently failed, DateTimeOffset now)
    {
        if (state.ActiveJob is not { } active)
            return Decision.Ignore(state, Reason.NotExpectedNow);
        var reason = $"{failed.CommandId} failed: {failed.Reason}";
        var matches = failed.CommandId == $"submit:{active.Id}" && active.State is null
            || failed.CommandId == new CountInputs(state.Run, state.Experiment, active.Id, state.ManualResumes).CommandId
                && state.Status == RunStatus.BuildingInputs && active.State == JobState.Succeeded
            || failed.CommandId == $"list-failed:{active.Id}" && state.Status == RunStatus.RunningTasks && active.State == JobState.Failed;
        // A cancel that failed for good does not end the run while its job may run on: it stays stopping
        // until the job is final or confirmed gone (the reconciler reads it every pass).
        if (state.Status == RunStatus.Cancelling && (failed.CommandId == $"cancel:{active.Id}" || failed.CommandId.StartsWith($"cancel:{active.Id}:", StringComparison.Ordinal)))
            return Decision.Apply(Note(state, now, $"{reason}; waiting for {active.Id} to end"));
        return matches
            ? Finish(state, RunStatus.Failed, now, reason, reason)
            : Decision.Ignore(state, Reason.NotExpectedNow);
    }
}
