using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Reconciling;

public sealed partial class Reconciler
{
    private const int SweepPageSize = 200;

    /// <summary>
    /// Cancels the jobs of recently finished runs that still run: a submit that landed after its run was
    /// cancelled (its cancel found no job yet), or a job that outlived its run some other way. Returns how
    /// many it cancelled.
    /// </summary>
    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - SweepWindow;
        var swept = 0;
        RunId? after = null;
        try
        {
            while (true)
            {
                var page = await store.ListAsync(new RunQuery(null, null, SweepPageSize, after), cancellationToken).ConfigureAwait(false);
                foreach (var run in page.Runs)
                {
                    var state = run.State;
                    if (!state.Status.IsTerminal() || state.UpdatedAt < since)
                        continue;
                    foreach (var job in state.Jobs.Where(job => !job.IsFinal))
                        swept += await SweepJobAsync(state.Run, job.Id, cancellationToken).ConfigureAwait(false);
                }
                // Newest first by id (its creation time): runs created long before the window end the walk (a run
                // resumed long after it was created is the rare one missed).
                if (page.Next is not { } next || page.Runs[^1].State.CreatedAt < since - SweepWindow)
                    return swept;
                after = next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return swept;
        }
        catch (Exception failure)
        {
            LogSweepFailed(failure.Message);
            return swept;
        }
    }

    private async Task<int> SweepJobAsync(RunId run, JobId job, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(job, cancellationToken).ConfigureAwait(false) is not { } real || real.State.IsFinal())
            return 0;
        await jobs.CancelAsync(job, cancellationToken).ConfigureAwait(false);
        LogSwept(run, job, real.State);
        OrchestratorMetrics.Healed("orphaned_job");
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run} is finished but its job {Job} was {State}: cancelled")]
    private partial void LogSwept(RunId run, JobId job, JobState state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "sweeping finished runs failed, next pass tries again: {Reason}")]
    private partial void LogSweepFailed(string reason);
}
