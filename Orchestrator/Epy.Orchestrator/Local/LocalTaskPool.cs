using System.Collections.Concurrent;
using Epy.Contracts.Logging;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Local;

/// <summary>
/// Executes local jobs: each task a child process of the stage program, at most
/// <see cref="LocalModeOptions.MaxConcurrentTasks"/> at once across all jobs and a job's own parallelism
/// within it, retried on its retryable exit codes. Task and job states go to the <see cref="LocalJobTable"/>
/// and, as job events, to the <see cref="LocalEventChannel"/>; a task whose result already exists is never
/// run again.
/// </summary>
public sealed partial class LocalTaskPool(LocalJobTable table, LocalModeOptions options, LocalEventChannel events, ILogger<LocalTaskPool> log)
    : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentTasks));
    private readonly ConcurrentDictionary<string, (Task Execution, CancellationTokenSource Cancel)> _executions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <summary>Starts executing <paramref name="spec"/>'s job unless it executes here already or is final.</summary>
    public void Start(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_executions)
        {
            if (_executions.ContainsKey(spec.Id.Value))
                return;
            if (table.Read(spec.Id) is not { } row || row.State.IsFinal())
                return;
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            if (row.CancelRequested)
                cancel.Cancel();
            var execution = Task.Run(() => ExecuteAsync(spec, cancel.Token));
            _executions[spec.Id.Value] = (execution, cancel);
            _ = execution.ContinueWith(_ =>
            {
                _executions.TryRemove(spec.Id.Value, out var _);
                cancel.Dispose();
            }, TaskScheduler.Default);
        }
    }

    /// <summary>Cancels <paramref name="job"/> if it executes here (it then finishes as cancelled); false when it does not.</summary>
    public bool TryCancel(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!_executions.TryGetValue(job.Value, out var execution))
            return false;
        execution.Cancel.Cancel();
        return true;
    }

    /// <summary>Records <paramref name="spec"/>'s job as <paramref name="state"/> and publishes the change.</summary>
    public void Finish(JobSpec spec, JobState state)
    {
        ArgumentNullException.ThrowIfNull(spec);
        table.Finish(spec.Id, state);
        Publish(spec, state, state.ToBatchName().ToLowerInvariant());
    }

    /// <summary>Waits for every job executing here to stop (after cancelling them when <paramref name="cancel"/>).</summary>
    public async Task StopAsync(bool cancel)
    {
        if (cancel)
            await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_executions.Values.Select(e => e.Execution)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await StopAsync(cancel: true).ConfigureAwait(false);
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task ExecuteAsync(JobSpec spec, CancellationToken cancel)
    {
        try
        {
            Publish(spec, JobState.Queued, "queued");
            var pending = table.PendingTasks(spec.Id);
            using var parallel = new SemaphoreSlim(Math.Max(1, spec.MaxParallelism));
            var started = 0;
            var tasks = pending.Select(async index =>
            {
                await parallel.WaitAsync(cancel).ConfigureAwait(false);
                await _slots.WaitAsync(cancel).ConfigureAwait(false);
                try
                {
                    if (Interlocked.Increment(ref started) == 1)
                        MarkRunning(spec);
                    await RunTaskAsync(spec, index, cancel).ConfigureAwait(false);
                    var counts = table.Counts(spec.Id);
                    events.Publish(spec.Id.Run, new JobStateChanged($"{spec.Id}:progress:{counts.Finished}", spec.Id, JobState.Running, counts));
                }
                finally
                {
                    _slots.Release();
                    parallel.Release();
                }
            }).ToList();
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
            }
            if (cancel.IsCancellationRequested)
            {
                // Stopping the orchestrator (not a cancel) leaves the job to be recovered on restart.
                if (_stopping.IsCancellationRequested && table.Read(spec.Id) is { CancelRequested: false })
                    return;
                Finish(spec, JobState.Cancelled);
                return;
            }
            var final = table.Counts(spec.Id);
            Finish(spec, final.Failed > 0 ? JobState.Failed : JobState.Succeeded);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogJobCrashed(spec.Id.Value, failure.Message);
            Finish(spec, JobState.Failed);
        }
    }

    private async Task RunTaskAsync(JobSpec spec, int index, CancellationToken cancel)
    {
        var runIndex = spec.TaskIndices is { } map ? map[index] : index;
        using var scope = log.BeginRunScope(spec.Id.Run, spec.Experiment, spec.Id, runIndex);
        var paths = new ArtifactPaths(options.DirPrefix, spec.Experiment, spec.Id.Run);
        var completion = spec.Stage switch
        {
            Stage.Builder => paths.Manifest,
            Stage.Runner => paths.TaskResult(runIndex),
            _ => null,
        };
        if (completion is not null && File.Exists(Path.Combine(options.BucketRoot, completion)))
        {
            // Finished before a crash (the builder writes its manifest last, a task its result atomically):
            // it never runs twice to completion.
            table.SetTask(spec.Id, index, "SUCCEEDED", 0, null, null);
            return;
        }
        var logFile = LocalModeOptions.TaskLogPath(options.LogsRoot, spec.Id.Run.Value, spec.Id.Value, runIndex);
        var environment = LocalTaskEnvironment.Of(
            options, spec.Experiment, spec.Id, index, runIndex, spec.RunTaskCount, spec.AllowPartialResults, spec.TaskMemoryBudgetMib);
        for (var attempt = 0; ; attempt++)
        {
            cancel.ThrowIfCancellationRequested();
            var exit = await ChildProcesses.RunAsync(
                options.StageCommand, spec.Stage.Command(), environment, logFile,
                (pid, start) => table.SetTask(spec.Id, index, "RUNNING", null, pid, start), cancel).ConfigureAwait(false);
            if (exit == 0)
            {
                table.SetTask(spec.Id, index, "SUCCEEDED", 0, null, null);
                return;
            }
            if (attempt < spec.MaxRetryCount && spec.RetryableExitCodes.Contains(exit))
            {
                LogRetrying(spec.Id.Value, runIndex, exit, attempt + 1);
                continue;
            }
            LogTaskFailed(spec.Id.Value, runIndex, exit, logFile);
            table.SetTask(spec.Id, index, "FAILED", exit, null, null);
            return;
        }
    }

    private void MarkRunning(JobSpec spec)
    {
        table.MarkRunning(spec.Id);
        Publish(spec, JobState.Running, "running");
    }

    private void Publish(JobSpec spec, JobState state, string suffix) =>
        events.Publish(spec.Id.Run, new JobStateChanged($"{spec.Id}:{suffix}", spec.Id, state, table.Counts(spec.Id)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job} task {Task} exited {ExitCode}; retry {Attempt}")]
    private partial void LogRetrying(string job, int task, int exitCode, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job} task {Task} failed with exit code {ExitCode}; log: {LogFile}")]
    private partial void LogTaskFailed(string job, int task, int exitCode, string logFile);

    [LoggerMessage(Level = LogLevel.Error, Message = "job {Job} stopped unexpectedly: {Reason}")]
    private partial void LogJobCrashed(string job, string reason);
}
