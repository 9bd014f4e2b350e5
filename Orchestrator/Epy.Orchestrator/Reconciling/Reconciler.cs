using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Reconciling;

/// <summary>
/// Heals what events missed: every unsettled run is compared with its job's real state (a missed
/// transition is fed as an event, a job the runner does not know as <see cref="JobNotFound"/>), then
/// deadlines are enforced on that real state, a pending run whose start was interrupted is started, and
/// only then are outbox commands left by a crash or a transient failure carried out again (once each,
/// without retries of their own: the next pass is the retry). Recently finished runs are swept for jobs
/// still running, which are cancelled. Everything it feeds carries a deterministic event id, so running
/// it twice does nothing twice. Each pass and each run has a time budget, and each pass starts where the
/// previous one stopped, so a hanging job runner cannot keep the same runs first in every pass.
/// Each pass is a <c>reconcile</c> span; what it heals is counted in <c>epy.reconciler.heals</c>.
/// </summary>
public sealed partial class Reconciler(IRunStore store, IJobRunner jobs, RunEventProcessor handler, TimeProvider time, ILogger<Reconciler> log)
{
    /// <summary>Runs reconciled at the same time within one pass.</summary>
    public const int RunsAtOnce = 4;

    private readonly Lock _cursorLock = new();
    private RunId? _cursor;

    /// <summary>How long one pass may take; runs it does not reach are deferred to the next pass.</summary>
    public TimeSpan PassBudget { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one run may take within a pass (its job reads, events and re-driven commands).</summary>
    public TimeSpan RunBudget { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after it finished a run is swept for jobs still running.</summary>
    public TimeSpan SweepWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>One pass over every unsettled run. Outbox commands younger than <paramref name="outboxAge"/> are left alone (they are being carried out).</summary>
    public async Task<ReconcileReport> ReconcileAsync(TimeSpan outboxAge, CancellationToken cancellationToken)
    {
        using var activity = OrchestratorTelemetry.Source.StartActivity("reconcile");
        using var budget = new CancellationTokenSource(PassBudget, time);
        using var pass = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var report = await PassAsync(outboxAge, pass.Token, cancellationToken).ConfigureAwait(false);
        var swept = pass.IsCancellationRequested ? 0 : await SweepAsync(pass.Token).ConfigureAwait(false);
        report = report with { Swept = swept };
        activity?.SetTag("reconcile.runs", report.Runs);
        activity?.SetTag("reconcile.redriven", report.Redriven);
        activity?.SetTag("reconcile.healed", report.Healed);
        activity?.SetTag("reconcile.failures", report.Failures);
        activity?.SetTag("reconcile.deferred", report.Deferred);
        activity?.SetTag("reconcile.swept", report.Swept);
        if (report.Failures > 0)
            activity?.SetStatus(ActivityStatusCode.Error, $"{report.Failures} run(s) could not be reconciled");
        return report;
    }

    private async Task<ReconcileReport> PassAsync(TimeSpan outboxAge, CancellationToken passToken, CancellationToken callerToken)
    {
        int runs = 0, redriven = 0, healed = 0, failures = 0, reached = -1;
        var unsettledRuns = Rotated(await store.ListUnsettledAsync(passToken).ConfigureAwait(false));
        // A few runs at a time: one run slowed by retries or a lock does not hold back the healing of the others.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = RunsAtOnce };
        await Parallel.ForEachAsync(unsettledRuns.Index(), parallel, async (indexed, _) =>
        {
            var (position, unsettled) = indexed;
            if (passToken.IsCancellationRequested)
                return;
            Interlocked.Increment(ref runs);
            var run = unsettled.State.Run;
            // The cursor is the furthest run this pass reached (runs start a few at a time, in any order).
            lock (_cursorLock)
            {
                if (position > reached)
                {
                    reached = position;
                    _cursor = run;
                }
            }
            using var scope = log.BeginRunScope(run, unsettled.State.Experiment);
            using var budget = new CancellationTokenSource(RunBudget, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(passToken, budget.Token);
            try
            {
                // Real state and deadlines first: re-driving a command of a run that has moved on is what they prevent.
                Interlocked.Add(ref healed, await HealAsync(run, outboxAge, linked.Token).ConfigureAwait(false));
                var now = time.GetUtcNow();
                foreach (var entry in unsettled.Outbox.Where(e => now - e.CreatedAt >= outboxAge))
                {
                    if (!await handler.RedriveAsync(run, entry, linked.Token).ConfigureAwait(false))
                        continue;
                    OrchestratorMetrics.Healed("outbox");
                    Interlocked.Increment(ref redriven);
                }
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
                LogOutOfTime(run, budget.IsCancellationRequested ? "the run's" : "the pass's");
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                Interlocked.Increment(ref failures);
                LogFailed(run, failure.Message);
            }
        }).ConfigureAwait(false);
        callerToken.ThrowIfCancellationRequested();
        return new ReconcileReport(runs, redriven, healed, failures, Deferred: unsettledRuns.Count - runs);
    }

    /// <summary>The runs in id order, starting after the run the previous pass reached last (so every run gets its turn first).</summary>
    private List<StoredRun> Rotated(IReadOnlyList<StoredRun> runs)
    {
        var ordered = runs.OrderBy(run => run.State.Run.Value, StringComparer.Ordinal).ToList();
        RunId? cursor;
        lock (_cursorLock)
            cursor = _cursor;
        if (cursor is null)
            return ordered;
        var start = ordered.FindIndex(run => string.CompareOrdinal(run.State.Run.Value, cursor.Value.Value) > 0);
        return start <= 0 ? ordered : [.. ordered[start..], .. ordered[..start]];
    }

    private async Task<int> HealAsync(RunId run, TimeSpan age, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(run, cancellationToken).ConfigureAwait(false);
        if (stored is null || stored.State.Status.IsTerminal())
            return 0;
        var state = stored.State;
        var now = time.GetUtcNow();
        if (state.Status == RunStatus.Pending && state.Jobs.Count == 0 && now - state.CreatedAt >= age)
        {
            await handler.HandleAsync(run, new RunRequested($"requested:{run}"), cancellationToken).ConfigureAwait(false);
            OrchestratorMetrics.Healed("start");
            return 1;
        }
        // The job's real state before the deadline: a job that succeeded just before it must not fail the run.
        if (state.ActiveJob is { IsFinal: false } active && await HealJobAsync(stored, active, age, cancellationToken).ConfigureAwait(false))
            return 1;
        if (state.Deadline is { } deadline && now >= deadline)
        {
            var handled = await handler.HandleAsync(run, new DeadlinePassed($"deadline:{run}:{deadline.UtcTicks}"), cancellationToken).ConfigureAwait(false);
            if (handled.Decision?.Outcome != Core.Machine.Outcome.Applied)
                return 0;
            OrchestratorMetrics.Healed("deadline");
            return 1;
        }
        // A job still waiting in the queue past its stage's timeout (no quota, no capacity): the machine stops it.
        if (state.ActiveJob is { IsWaiting: true } waiting && stored.Policy.For(waiting.Id.Stage).QueueTimeout is { } timeout && now - waiting.SubmittedAt >= timeout)
        {
            var handled = await handler.HandleAsync(run, new QueueTimeoutPassed($"queue-timeout:{waiting.Id}", waiting.Id), cancellationToken).ConfigureAwait(false);
            if (handled.Decision?.Outcome != Core.Machine.Outcome.Applied)
                return 0;
            LogQueueTimeout(run, waiting.Id, timeout);
            OrchestratorMetrics.Healed("queue_timeout");
            return 1;
        }
        return 0;
    }

    private static string WaitReasonHash(string reason) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(reason)))[..12];

    /// <summary>Feeds the active job's real state when it differs from the run's; true when that moved the job's state.</summary>
    private async Task<bool> HealJobAsync(StoredRun stored, Core.State.JobRecord active, TimeSpan age, CancellationToken cancellationToken)
    {
        var run = stored.State.Run;
        var real = await jobs.GetAsync(active.Id, cancellationToken).ConfigureAwait(false);
        if (real is null)
        {
            // Unknown to the runner with nothing pending that would create it: never created, or deleted.
            var pending = stored.Outbox.Any(entry => entry.Command is SubmitJob submit && submit.Spec.Id == active.Id);
            var settled = stored.State.Status == RunStatus.Cancelling || active.State is not null || time.GetUtcNow() - active.SubmittedAt >= age;
            if (pending || !settled)
                return false;
            var gone = await handler.HandleAsync(run, new JobNotFound($"reconcile:{active.Id}:gone", active.Id), cancellationToken).ConfigureAwait(false);
            if (gone.Decision?.Outcome != Core.Machine.Outcome.Applied)
                return false;
            LogNotFound(run, active.Id);
            OrchestratorMetrics.Healed("job_not_found");
            return true;
        }
        var newWaitReason = real.WaitReason is { } why && why != active.WaitReason;
        if (real.State == active.State && real.Counts == active.Counts && !newWaitReason)
            return false;
        // A new reason to wait is news of its own: its event id names it (a short hash), so it is fed once.
        var eventId = $"reconcile:{active.Id}:{real.State.ToBatchName()}:{real.Counts.Finished}" + (newWaitReason ? $":{WaitReasonHash(real.WaitReason!)}" : "");
        var healed = await handler.HandleAsync(run,
            new JobStateChanged(eventId, active.Id, real.State, real.Counts, real.WaitReason),
            cancellationToken).ConfigureAwait(false);
        if (healed.Decision?.Outcome != Core.Machine.Outcome.Applied)
            return false;
        OrchestratorMetrics.Healed("job_state");
        if (real.State == active.State)
            return false;
        LogHealed(run, active.Id, real.State);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "run {Run}: job {Job} is {State}; the missed event was fed")]
    private partial void LogHealed(RunId run, JobId job, JobState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: job {Job} waited in the queue longer than {Timeout}; stopping it")]
    private partial void LogQueueTimeout(RunId run, JobId job, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: job {Job} is unknown to the job runner and nothing would create it")]
    private partial void LogNotFound(RunId run, JobId job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: reconciling failed, next pass tries again: {Reason}")]
    private partial void LogFailed(RunId run, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: {Budget} time budget ran out; next pass goes on")]
    private partial void LogOutOfTime(RunId run, string budget);
}
