using Epy.Orchestrator.Runs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Epy.Cli;

/// <summary>
/// Starts the project's recurring forecasts. Each scheduled time is the run's idempotency key
/// (<c>schedule:{name}:{time}</c>), so a tick repeated after a restart, or by a second server, starts one run.
/// </summary>
public sealed partial class LocalScheduler(IReadOnlyList<ScheduleEntry> schedules, RunService runs, TimeProvider time, ILogger<LocalScheduler> log) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(schedules.Select(schedule => LoopAsync(schedule, stoppingToken)));

    private async Task LoopAsync(ScheduleEntry schedule, CancellationToken stoppingToken)
    {
        var from = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (schedule.Cron.GetNextOccurrence(from, schedule.TimeZone) is not { } next)
                return;
            try
            {
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                var key = IdempotencyKey.FromLocalSchedule(schedule.Name, next);
                var outcome = await runs.StartAsync(schedule.Request, key, $"schedule:{schedule.Name}", stoppingToken).ConfigureAwait(false);
                switch (outcome)
                {
                    case StartOutcome.Accepted accepted:
                        LogStarted(schedule.Name, accepted.Run.State.Run.Value, accepted is StartOutcome.Started);
                        break;
                    case StartOutcome.Invalid invalid:
                        LogRejected(schedule.Name, string.Join("; ", invalid.Errors.SelectMany(e => e.Value)));
                        break;
                    case StartOutcome.NotFound missing:
                        LogRejected(schedule.Name, missing.Message);
                        break;
                    case StartOutcome.Conflict conflict:
                        LogRejected(schedule.Name, conflict.Message);
                        break;
                    case StartOutcome.KeyReused reused:
                        LogRejected(schedule.Name, reused.Message);
                        break;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogRejected(schedule.Name, failure.Message);
            }
            from = next;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "schedule {Name}: run {Run} (new: {Created})")]
    private partial void LogStarted(string name, string run, bool created);

    [LoggerMessage(Level = LogLevel.Error, Message = "schedule {Name}: no run started: {Reason}")]
    private partial void LogRejected(string name, string reason);
}
