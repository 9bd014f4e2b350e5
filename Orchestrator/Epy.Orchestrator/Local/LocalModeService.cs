using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Reconciling;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Local;

/// <summary>
/// The local mode's background work: on start, recover jobs a previous process left (before start-up
/// completes) and reconcile every unsettled run; then handle job events as they come and reconcile on a timer.
/// </summary>
public sealed partial class LocalModeService(
    StateFolderLock stateLock, LocalJobRunner runner, LocalEventChannel events, RunEventProcessor handler, Reconciler reconciler, LocalModeOptions options,
    TimeProvider time, ILogger<LocalModeService> log) : BackgroundService
{
    /// <summary>
    /// Takes the state folder (<see cref="StateFolderInUseException"/> when another orchestrator has it),
    /// recovers the jobs a previous process left, then starts the background work. Recovery treats every
    /// unfinished job as left over, so it must run alone on the folder and finish before the host takes
    /// requests: a job submitted meanwhile would have its tasks killed (ExecuteAsync runs wholly in the
    /// background since .NET 10).
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        stateLock.Acquire();
        await runner.RecoverAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await reconciler.ReconcileAsync(TimeSpan.Zero, stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(PumpAsync(stoppingToken), ReconcileLoopAsync(stoppingToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop the child processes; their jobs stay unfinished in the database and are recovered on restart.
        await runner.StopAsync(cancel: true).ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        stateLock.Dispose();
    }

    private async Task PumpAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (run, @event, publishedAt) in events.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await handler.HandleAsync(run, @event, stoppingToken).ConfigureAwait(false);
                    OrchestratorMetrics.RecordLag("local", @event.Kind, publishedAt, time.GetUtcNow());
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    LogEventFailed(run.Value, @event.EventId, failure.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReconcileLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReconcileEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await reconciler.ReconcileAsync(options.ReconcileEvery, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: event {EventId} failed; the reconciler will catch up: {Reason}")]
    private partial void LogEventFailed(string run, string eventId, string reason);
}
