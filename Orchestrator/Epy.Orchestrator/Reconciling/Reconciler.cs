using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Reconciling;

/// <summary>
/// Heals what events missed: every unsettled run is compared with its job's real state (a missed
/// transition is fed as an event), outbox commands left by a crash or a transient failure are carried
/// out again, a pending run whose start was interrupted is started, and deadlines are enforced.
/// Everything it feeds carries a deterministic event id, so running it twice does nothing twice.
/// Each pass is a <c>reconcile</c> span; what it heals is counted in <c>epy.reconciler.heals</c>.
/// </summary>
public sealed partial class Reconciler(IRunStore store, IJobRunner jobs, RunEventProcessor handler, TimeProvider time, ILogger<Reconciler> log)
{
    /// <summary>Runs reconciled at the same time within one pass.</summary>
    public const int RunsAtOnce = 4;

    /// <summary>One pass over every unsettled run. Outbox commands younger than <paramref name="outboxAge"/> are left alone (they are being carried out).</summary>
    public async Task<ReconcileReport> ReconcileAsync(TimeSpan outboxAge, CancellationToken cancellationToken)
    {
        using var activity = OrchestratorTelemetry.Source.StartActivity("reconcile");
        var report = await PassAsync(outboxAge, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("reconcile.runs", report.Runs);
        activity?.SetTag("reconcile.redriven", report.Redriven);
        activity?.SetTag("reconcile.healed", report.Healed);
        activity?.SetTag("reconcile.failures", report.Failures);
        if (report.Failures > 0)
            activity?.SetStatus(ActivityStatusCode.Error, $"{report.Failures} run(s) could not be reconciled");
        return report;
    }

    private async Task<ReconcileReport> PassAsync(TimeSpan outboxAge, CancellationToken cancellationToken)
    {
        int runs = 0, redriven = 0, healed = 0, failures = 0;
        var unsettledRuns = await store.ListUnsettledAsync(cancellationToken).ConfigureAwait(false);
        // A few runs at a time: one run slowed by retries or a lock does not hold back the healing of the others.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = RunsAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(unsettledRuns, parallel, async (unsettled, ct) =>
        {
            Interlocked.Increment(ref runs);
            var run = unsettled.State.Run;
            using var scope = log.BeginRunScope(run, unsettled.State.Experiment);
            try
            {
                var now = time.GetUtcNow();
                foreach (var entry in unsettled.Outbox.Where(e => now - e.CreatedAt >= outboxAge))
                {
                    await handler.RedriveAsync(run, entry, ct).ConfigureAwait(false);
                    OrchestratorMetrics.Healed("outbox");
                    Interlocked.Increment(ref redriven);
                }
                Interlocked.Add(ref healed, await HealAsync(run, outboxAge, ct).ConfigureAwait(false));
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                Interlocked.Increment(ref failures);
                LogFailed(run, failure.Message);
            }
        }).ConfigureAwait(false);
        return new ReconcileReport(runs, redriven, healed, failures);
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
        if (state.Deadline is { } deadline && now >= deadline)
        {
            await handler.HandleAsync(run, new DeadlinePassed($"deadline:{run}:{deadline.UtcTicks}"), cancellationToken).ConfigureAwait(false);
            OrchestratorMetrics.Healed("deadline");
            return 1;
        }
        if (state.ActiveJob is not { IsFinal: false } active)
            return 0;
        var real = await jobs.GetAsync(active.Id, cancellationToken).ConfigureAwait(false);
        if (real is null || (real.State == active.State && real.Counts == active.Counts))
            return 0;
        var healed = await handler.HandleAsync(run,
            new JobStateChanged($"reconcile:{active.Id}:{real.State.ToBatchName()}:{real.Counts.Finished}", active.Id, real.State, real.Counts),
            cancellationToken).ConfigureAwait(false);
        if (healed.Decision?.Outcome != Core.Machine.Outcome.Applied)
            return 0;
        if (real.State != active.State)
            LogHealed(run, active.Id, real.State);
        OrchestratorMetrics.Healed("job_state");
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "run {Run}: job {Job} is {State}; the missed event was fed")]
    private partial void LogHealed(RunId run, JobId job, JobState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: reconciling failed, next pass tries again: {Reason}")]
    private partial void LogFailed(RunId run, string reason);
}
