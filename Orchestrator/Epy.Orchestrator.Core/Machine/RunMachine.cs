using System.Diagnostics.CodeAnalysis;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Machine;

/// <summary>
/// The run state machine: a pure function from (state, event, policy, now) to the next state and the
/// commands to carry out. No I/O, no clock, no randomness: the host loads, decides, commits, then acts.
/// Every (status, event) pair is handled, ignored on purpose or rejected with a <see cref="Reason"/>.
/// </summary>
public static partial class RunMachine
{
    /// <summary>Decides what <paramref name="event"/> does to the run <paramref name="state"/>.</summary>
    /// <param name="state">The run as stored.</param>
    /// <param name="event">What happened.</param>
    /// <param name="policy">The run's policy.</param>
    /// <param name="now">The time of the decision (history, deadlines).</param>
    /// <returns>The next state, the commands to carry out, and whether the event was applied.</returns>
    public static Decision Decide(RunState state, RunEvent @event, RunPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(policy);

        // Final states absorb everything; a resume is the one request that reopens a failed or cancelled run.
        if (state.Status.IsTerminal() && !(state.Status is RunStatus.Failed or RunStatus.Cancelled && @event is ResumeRequested))
        {
            return @event switch
            {
                CancelRequested => Decision.Reject(state, Reason.CannotCancelFinished),
                ResumeRequested => Decision.Reject(state, Reason.CannotResumeUnlessStopped),
                _ => Decision.Ignore(state, Reason.RunFinished),
            };
        }

        return @event switch
        {
            RunRequested => OnRunRequested(state, policy, now),
            JobStateChanged changed => OnJobStateChanged(state, changed, policy, now),
            JobNotFound gone => OnJobNotFound(state, gone, now),
            InputsCounted counted => OnInputsCounted(state, counted, policy, now),
            FailedTasksListed listed => OnFailedTasksListed(state, listed, policy, now),
            CancelRequested cancel => OnCancelRequested(state, cancel, now),
            ResumeRequested resume => OnResumeRequested(state, resume, policy, now),
            DeadlinePassed => OnDeadlinePassed(state, now),
            QueueTimeoutPassed waited => OnQueueTimeoutPassed(state, waited, policy, now),
            CommandFailedPermanently failed => OnCommandFailed(state, failed, now),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.Kind, "an event the run state machine does not know"),
        };
    }

    /// <summary>
    /// The run's active job when <paramref name="id"/> names it; otherwise why an event about <paramref name="id"/> is
    /// ignored: not a job of this run (<see cref="Reason.UnknownJob"/>), or an earlier attempt's (<see cref="Reason.StaleJob"/>).
    /// </summary>
    private static bool TryActiveJob(RunState state, JobId id, [NotNullWhen(true)] out JobRecord? job, [NotNullWhen(false)] out Decision? ignored)
    {
        job = id.Run == state.Run ? state.FindJob(id) : null;
        ignored = job is null ? Decision.Ignore(state, Reason.UnknownJob)
            : job.Id != state.ActiveJob!.Id ? Decision.Ignore(state, Reason.StaleJob)
            : null;
        return ignored is null;
    }

    private static Decision OnRunRequested(RunState state, RunPolicy policy, DateTimeOffset now)
    {
        if (state.Status != RunStatus.Pending)
            return Decision.Ignore(state, Reason.AlreadyApplied);
        var started = state with { Deadline = now + policy.RunDeadline };
        return Submit(started, Stage.Builder, policy, now, RunStatus.BuildingInputs, "builder submitted");
    }

    private static Decision OnInputsCounted(RunState state, InputsCounted counted, RunPolicy policy, DateTimeOffset now)
    {
        var active = state.ActiveJob;
        if (state.Status != RunStatus.BuildingInputs || active is null || active.Id != counted.BuilderJob || active.State != JobState.Succeeded)
            return Decision.Ignore(state, state.FindJob(counted.BuilderJob) is null ? Reason.UnknownJob : Reason.NotExpectedNow);
        if (counted.Round != state.ManualResumes)
            return Decision.Ignore(state, Reason.StaleCount);
        if (counted.TaskCount <= 0)
            return Finish(state, RunStatus.Failed, now, "the builder wrote no task inputs", "the builder wrote no task inputs (task count 0)");
        var counted_ = state with { TaskCount = counted.TaskCount };
        return Submit(counted_, Stage.Runner, policy, now, RunStatus.RunningTasks, $"{counted.TaskCount} tasks counted; runner submitted");
    }

    private static Decision OnFailedTasksListed(RunState state, FailedTasksListed listed, RunPolicy policy, DateTimeOffset now)
    {
        var active = state.ActiveJob;
        if (state.Status != RunStatus.RunningTasks || active is null || active.Id != listed.Job || active.State != JobState.Failed)
            return Decision.Ignore(state, state.FindJob(listed.Job) is null ? Reason.UnknownJob : Reason.NotExpectedNow);

        // A task failing again keeps the preemptions of its earlier attempts (Spot fallback counts them all).
        var earlier = state.FailedTasks.ToDictionary(task => task.Index, task => task.Preemptions);
        var failing = listed.Failed
            .Where(task => task.Index >= 0 && task.Index < active.TaskCount)
            .Select(task => task with { Index = active.RunTaskIndex(task.Index) })
            .DistinctBy(task => task.Index)
            .Select(task => task with { Preemptions = task.Preemptions + earlier.GetValueOrDefault(task.Index) })
            .OrderBy(task => task.Index)
            .ToList();
        // A job that failed without a failed task (it never started) failed as a whole.
        if (failing.Count == 0)
            failing = [.. Enumerable.Range(0, active.TaskCount).Select(i => new FailedTask(active.RunTaskIndex(i), null))];
        return AfterRunner(state, new ValueList<FailedTask>(failing), policy, now);
    }

    private static Decision AfterRunner(RunState state, ValueList<FailedTask> failing, RunPolicy policy, DateTimeOffset now)
    {
        var next = state with { FailedTasks = failing };
        var canResume = state.AutoResumesUsed < policy.AutoResumes;
        var tolerated = policy.Tolerance.Allows(failing.Count, state.TaskCount);
        // By default a failure is first run again; partial results only once the resumes are spent.
        if (failing.Count == 0 || (tolerated && !(canResume && policy.ResumeBeforeTolerance)))
        {
            var partial = failing.Count > 0 ? $" ({failing.Count} of {state.TaskCount} tasks failed, within tolerance)" : "";
            if (!policy.RunOutputStage)
                return Finish(next, RunStatus.Succeeded, now, "tasks done; output stage skipped by policy" + partial, null);
            return Submit(next, Stage.Output, policy, now, RunStatus.Aggregating, "tasks done; output submitted" + partial, allowPartial: failing.Count > 0);
        }
        if (canResume)
        {
            var resumed = next with { AutoResumesUsed = state.AutoResumesUsed + 1 };
            return Submit(resumed, Stage.Runner, policy, now, RunStatus.RunningTasks,
                $"{failing.Count} of {state.TaskCount} tasks failed; resuming them (automatic resume {resumed.AutoResumesUsed} of {policy.AutoResumes})"
                    + SpotFallback(failing, policy),
                indices: new ValueList<int>(failing.Select(task => task.Index)), standard: FallsBack(failing, policy));
        }
        var reason = $"{failing.Count} of {state.TaskCount} tasks failed beyond the run's tolerance: {Describe(failing)}";
        return Finish(next, RunStatus.Failed, now, reason, reason);
    }

    /// <summary>True when a job rerunning <paramref name="tasks"/> must run on standard VMs: one of them was preempted too often.</summary>
    private static bool FallsBack(IEnumerable<FailedTask> tasks, RunPolicy policy) => tasks.Any(task => policy.FallsBackToStandard(task.Preemptions));

    /// <summary>The history's words for a fallback to standard VMs (<c>; task 12 preempted 3 times: retrying on standard VMs</c>), or nothing.</summary>
    private static string SpotFallback(IEnumerable<FailedTask> tasks, RunPolicy policy)
    {
        const int shown = 10;
        var preempted = tasks.Where(task => policy.FallsBackToStandard(task.Preemptions)).ToList();
        if (preempted.Count == 0)
            return "";
        var named = string.Join(", ", preempted.Take(shown).Select(task => $"task {task.Index} preempted {task.Preemptions} times"));
        var more = preempted.Count > shown ? $", and {preempted.Count - shown} more" : "";
        return $"; {named}{more}: retrying on standard VMs";
    }

    private static string Describe(ValueList<FailedTask> failing)
    {
        const int shown = 20;
        var text = string.Join(", ", failing.Take(shown).Select(task => task.ExitCode is { } code ? $"task {task.Index} (exit {code})" : $"task {task.Index}"));
        return failing.Count > shown ? $"{text}, and {failing.Count - shown} more" : text;
    }
}
