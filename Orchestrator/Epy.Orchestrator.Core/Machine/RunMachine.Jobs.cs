using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Machine;

public static partial class RunMachine
{
    private static Decision OnJobStateChanged(RunState state, JobStateChanged changed, RunPolicy policy, DateTimeOffset now)
    {
        if (!TryActiveJob(state, changed.Job, out var job, out var ignored))
            return ignored;

        if (job.State is { } current)
        {
            if (changed.State.Rank() < current.Rank())
                return Decision.Ignore(state, Reason.BackwardState);
            if (current.IsFinal() && changed.State != current)
                return Decision.Ignore(state, Reason.BackwardState);
            if (changed.State == current)
            {
                // Same state again: only newer task counts (progress) and a new reason to wait are worth keeping.
                var counts = changed.Counts is { } reported && reported != job.Counts && !(job.Counts is { } old && reported.Finished < old.Finished) ? reported : job.Counts;
                var waitReason = job.IsWaiting && changed.WaitReason is { } why ? why : job.WaitReason;
                if (counts == job.Counts && waitReason == job.WaitReason)
                    return Decision.Ignore(state, Reason.AlreadyApplied);
                return Decision.Apply(Replace(state, job with { Counts = counts, WaitReason = waitReason }) with { UpdatedAt = now });
            }
        }

        var final = changed.State.IsFinal();
        var updated = job with
        {
            State = changed.State,
            Counts = changed.Counts ?? (changed.State == JobState.Succeeded ? new TaskCounts(0, 0, job.TaskCount, 0) : job.Counts),
            StartedAt = job.StartedAt ?? (changed.State.Rank() >= JobState.Running.Rank() ? now : null),
            EndedAt = final ? now : null,
            WaitReason = changed.State is JobState.Queued or JobState.Scheduled ? changed.WaitReason ?? job.WaitReason : null,
        };
        var next = Replace(state, updated);
        var what = $"job {job.Id} {changed.State.ToBatchName()}";
        if (!final)
            return Decision.Apply(Note(next, now, what));

        return (state.Status, changed.State) switch
        {
            (RunStatus.Cancelling, _) => Finish(next, state.StopsAs ?? RunStatus.Cancelled, now, what, state.Failure),
            (RunStatus.BuildingInputs, JobState.Succeeded) =>
                Decision.Apply(Note(next, now, what + "; counting inputs"), new CountInputs(state.Run, state.Experiment, job.Id, state.ManualResumes)),
            (RunStatus.RunningTasks, JobState.Succeeded) => AfterRunner(Note(next, now, what), ValueList<FailedTask>.Empty, policy, now),
            (RunStatus.RunningTasks, JobState.Failed) =>
                Decision.Apply(Note(next, now, what + "; listing failed tasks"), new ListFailedTasks(state.Run, job.Id)),
            (RunStatus.Aggregating, JobState.Succeeded) => Finish(next, RunStatus.Succeeded, now, what, null),
            (_, JobState.Succeeded) => Decision.Apply(Note(next, now, what)),
            (_, JobState.Failed) => Finish(next, RunStatus.Failed, now, what, $"{job.Id.Stage.Command()} job {job.Id} failed"),
            _ => Finish(next, RunStatus.Failed, now, what, $"{job.Id.Stage.Command()} job {job.Id} was {changed.State.ToBatchName()} outside the orchestrator"),
        };
    }

    private static Decision OnJobNotFound(RunState state, JobNotFound gone, DateTimeOffset now)
    {
        if (!TryActiveJob(state, gone.Job, out var job, out var ignored))
            return ignored;
        // A final job deleted afterwards changes nothing: what it did was already decided.
        if (job.IsFinal)
            return Decision.Ignore(state, Reason.NotExpectedNow);
        var what = $"job {job.Id} not found by the job runner";
        // The job stays non-final in the run: the reconciler's sweep of finished runs cancels it should it appear after all.
        if (state.Status == RunStatus.Cancelling)
            return Finish(state, state.StopsAs ?? RunStatus.Cancelled, now, what + "; nothing left to stop", state.Failure);
        var reason = $"{job.Id.Stage.Command()} job {job.Id} is gone from the job runner (never created, or deleted)";
        return Finish(state, RunStatus.Failed, now, what, reason);
    }

    /// <summary>
    /// Appends a job of <paramref name="stage"/> and the command that submits it, moving to <paramref name="status"/>;
    /// <paramref name="standard"/> runs it on standard VMs whatever the policy's Spot setting (the Spot fallback).
    /// </summary>
    private static Decision Submit(
        RunState state, Stage stage, RunPolicy policy, DateTimeOffset now, RunStatus status, string what,
        ValueList<int>? indices = null, bool allowPartial = false, bool standard = false)
    {
        var id = new JobId(stage, state.Run, state.NextAttempt(stage));
        var taskCount = stage == Stage.Runner ? indices?.Count ?? state.TaskCount : 1;
        var job = new JobRecord(id, null, taskCount, indices, allowPartial, null, now, null, null);
        var spec = new JobSpec(
            id, state.Experiment, taskCount, indices, state.TaskCount, allowPartial, policy.For(stage),
            stage == Stage.Runner ? policy.MaxParallelism : 1, policy.TasksPerNode, policy.Spot && !standard, policy.MaxRetryCount,
            policy.RetryableExitCodes, state.Request, policy.TaskMemoryBudgetMib(stage));
        var next = Move(state with { Jobs = Settled(state.Jobs).Add(job) }, status, now, $"{what} ({id})");
        return Decision.Apply(next, new SubmitJob(state.Run, spec));
    }

    /// <summary>
    /// The jobs with the task indices of the earlier ones dropped (their task counts stay): only the
    /// active job's indices are ever read, and 5,000 indices per resumed job would grow the run's
    /// document past Firestore's 1 MiB in a few dozen resumes.
    /// </summary>
    private static ValueList<JobRecord> Settled(ValueList<JobRecord> jobs) =>
        jobs.Any(job => job.TaskIndices is not null) ? new(jobs.Select(job => job with { TaskIndices = null })) : jobs;

    private static RunState Replace(RunState state, JobRecord job)
    {
        for (var i = 0; i < state.Jobs.Count; i++)
        {
            if (state.Jobs[i].Id == job.Id)
                return state with { Jobs = state.Jobs.SetItem(i, job) };
        }
        throw new InvalidOperationException($"job {job.Id} is not part of run {state.Run}");
    }

    private static RunState Move(RunState state, RunStatus status, DateTimeOffset now, string what) =>
        Note(state with { Status = status }, now, what);

    private static RunState Note(RunState state, DateTimeOffset now, string what)
    {
        var history = state.History.Add(new HistoryEntry(now, state.Status, what));
        // The oldest entries leave the document (bounded for Firestore's 1 MiB) for the store's archive, never dropped.
        return state with
        {
            UpdatedAt = now,
            History = history.TakeLast(RunState.HistoryLimit),
            HistoryArchived = state.HistoryArchived + Math.Max(0, history.Count - RunState.HistoryLimit),
        };
    }

    /// <summary>Ends the run in <paramref name="status"/> and writes its metadata.</summary>
    private static Decision Finish(RunState state, RunStatus status, DateTimeOffset now, string what, string? failure, params RunCommand[] before)
    {
        var next = Move(state with { Failure = failure, StopsAs = null }, status, now, what);
        // Numbered by resumes, not jobs: a resume that only counts the inputs again adds no job, and
        // a second failure would otherwise repeat the first ending's command id and not be written.
        RunCommand[] commands = [.. before, new WriteRunRecord(state.Run, state.Experiment, status, state.ManualResumes)];
        return Decision.Apply(next, commands);
    }
}
