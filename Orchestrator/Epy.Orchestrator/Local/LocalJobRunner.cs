using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Local;

/// <summary>
/// The local mode's <see cref="IJobRunner"/>: a job is a row of the <see cref="LocalJobTable"/> (so it survives
/// a crash) executed by the <see cref="LocalTaskPool"/> (child processes of the stage program). After a
/// restart <see cref="RecoverAsync"/> stops leftover processes and runs only the tasks that had not finished.
/// </summary>
public sealed partial class LocalJobRunner(LocalJobTable table, LocalTaskPool pool, ILogger<LocalJobRunner> log) : IJobRunner
{
    /// <inheritdoc />
    public Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        table.Insert(spec);
        pool.Start(spec);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CancelAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        table.RequestCancel(job);
        if (pool.TryCancel(job))
            return Task.CompletedTask;
        // Not executing here (finished, or left by a crash): settle it now.
        if (table.Read(job) is { } row && !row.State.IsFinal())
            pool.Finish(row.Spec, JobState.Cancelled);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (table.Read(job) is not { } row)
            return Task.FromResult<JobStatus?>(null);
        return Task.FromResult<JobStatus?>(new JobStatus(row.State, table.Counts(job)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Task.FromResult(table.FailedTasks(job));
    }

    /// <summary>
    /// After a restart: stops processes left by the previous orchestrator, puts their tasks back to
    /// pending, and starts executing every job that had not finished.
    /// </summary>
    public Task RecoverAsync(CancellationToken cancellationToken)
    {
        var specs = table.Unfinished();
        foreach (var (pid, start) in table.RunningProcesses())
            ChildProcesses.KillIfSame(pid, start);
        table.ResetRunningTasks();
        foreach (var spec in specs)
        {
            LogRecovering(spec.Id.Value);
            pool.Start(spec);
        }
        return Task.CompletedTask;
    }

    /// <summary>Waits for every job executing here to stop (after cancelling them when <paramref name="cancel"/>).</summary>
    public Task StopAsync(bool cancel) => pool.StopAsync(cancel);

    [LoggerMessage(Level = LogLevel.Information, Message = "recovering job {Job} after a restart")]
    private partial void LogRecovering(string job);
}
