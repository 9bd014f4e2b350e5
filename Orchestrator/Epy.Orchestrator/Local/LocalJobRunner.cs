using System.Collections.Concurrent;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Microsoft.Data.Sqlite;
using static Epy.Orchestrator.Local.SqliteCommands;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Local;

/// <summary>
/// Runs stage jobs as child processes of the stage program, Stage B's tasks in a pool sized to the
/// cores. Jobs and tasks are rows in the local database, so after a crash <see cref="RecoverAsync"/>
/// stops leftover processes and runs only the tasks that had not finished; a Stage B task whose
/// result already exists is never run again. State changes go to the <see cref="LocalEventChannel"/>.
/// </summary>
public sealed partial class LocalJobRunner(LocalDatabase database, LocalModeOptions options, LocalEventChannel events, ILogger<LocalJobRunner> log)
    : IJobRunner, IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentTasks));
    private readonly ConcurrentDictionary<string, (Task Execution, CancellationTokenSource Cancel)> _executions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    /// <inheritdoc />
    public Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            var inserted = Execute(connection, transaction,
                "INSERT OR IGNORE INTO local_jobs (job_id, run_id, spec, state) VALUES ($job, $run, $spec, 'QUEUED')",
                ("$job", spec.Id.Value), ("$run", spec.Id.Run.Value), ("$spec", JsonSerializer.Serialize(spec, OrchestratorJson.Options)));
            if (inserted == 1)
            {
                for (var i = 0; i < spec.TaskCount; i++)
                    Execute(connection, transaction, "INSERT INTO local_tasks (job_id, task_index, state) VALUES ($job, $i, 'PENDING')", ("$job", spec.Id.Value), ("$i", i));
            }
            transaction.Commit();
        }
        Start(spec);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CancelAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using (var connection = database.Open())
            Execute(connection, null, "UPDATE local_jobs SET cancel_requested = 1 WHERE job_id = $job", ("$job", job.Value));
        if (_executions.TryGetValue(job.Value, out var execution))
        {
            execution.Cancel.Cancel();
            return Task.CompletedTask;
        }
        // Not executing here (finished, or left by a crash): settle it now.
        if (ReadJob(job) is { } row && !IsFinal(row.State))
            Finish(row.Spec, JobState.Cancelled);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (ReadJob(job) is not { } row)
            return Task.FromResult<JobStatus?>(null);
        return Task.FromResult<JobStatus?>(new JobStatus(ParseState(row.State), Counts(job)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT task_index, exit_code FROM local_tasks WHERE job_id = $job AND state = 'FAILED' ORDER BY task_index";
        command.Parameters.AddWithValue("$job", job.Value);
        var failed = new List<FailedTask>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            failed.Add(new FailedTask(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1)));
        return Task.FromResult<IReadOnlyList<FailedTask>>(failed);
    }

    /// <summary>
    /// After a restart: stops processes left by the previous orchestrator, puts their tasks back to
    /// pending, and starts executing every job that had not finished.
    /// </summary>
    public Task RecoverAsync(CancellationToken cancellationToken)
    {
        var specs = new List<JobSpec>();
        using (var connection = database.Open())
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT spec FROM local_jobs WHERE state IN ('QUEUED', 'RUNNING')";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    specs.Add(JsonSerializer.Deserialize<JobSpec>(reader.GetString(0), OrchestratorJson.Options)!);
            }
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT pid, pid_start FROM local_tasks WHERE state = 'RUNNING' AND pid IS NOT NULL";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    ChildProcesses.KillIfSame(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
            }
            Execute(connection, null, "UPDATE local_tasks SET state = 'PENDING', pid = NULL, pid_start = NULL WHERE state = 'RUNNING'");
        }
        foreach (var spec in specs)
        {
            LogRecovering(spec.Id.Value);
            Start(spec);
        }
        return Task.CompletedTask;
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

    private void Start(JobSpec spec)
    {
        lock (_executions)
        {
            if (_executions.ContainsKey(spec.Id.Value))
                return;
            if (ReadJob(spec.Id) is not { } row || IsFinal(row.State))
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

    private async Task ExecuteAsync(JobSpec spec, CancellationToken cancel)
    {
        try
        {
            Publish(spec, JobState.Queued, "queued");
            var pending = PendingTasks(spec.Id);
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
                    var counts = Counts(spec.Id);
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
                if (_stopping.IsCancellationRequested && ReadJob(spec.Id) is { CancelRequested: false })
                    return;
                Finish(spec, JobState.Cancelled);
                return;
            }
            var final = Counts(spec.Id);
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
            SetTask(spec.Id, index, "SUCCEEDED", 0, null, null);
            return;
        }
        var logFile = LocalModeOptions.TaskLogPath(options.LogsRoot, spec.Id.Run.Value, spec.Id.Value, runIndex);
        for (var attempt = 0; ; attempt++)
        {
            cancel.ThrowIfCancellationRequested();
            var exit = await ChildProcesses.RunAsync(
                options.StageCommand, spec.Stage.Command(), TaskEnvironment(options, spec.Experiment, spec.Id, index, runIndex, spec.RunTaskCount, spec.AllowPartialResults), logFile,
                (pid, start) => SetTask(spec.Id, index, "RUNNING", null, pid, start), cancel).ConfigureAwait(false);
            if (exit == 0)
            {
                SetTask(spec.Id, index, "SUCCEEDED", 0, null, null);
                return;
            }
            if (attempt < spec.MaxRetryCount && spec.RetryableExitCodes.Contains(exit))
            {
                LogRetrying(spec.Id.Value, runIndex, exit, attempt + 1);
                continue;
            }
            LogTaskFailed(spec.Id.Value, runIndex, exit, logFile);
            SetTask(spec.Id, index, "FAILED", exit, null, null);
            return;
        }
    }

    private void MarkRunning(JobSpec spec)
    {
        using (var connection = database.Open())
            Execute(connection, null, "UPDATE local_jobs SET state = 'RUNNING' WHERE job_id = $job AND state = 'QUEUED'", ("$job", spec.Id.Value));
        Publish(spec, JobState.Running, "running");
    }

    private void Finish(JobSpec spec, JobState state)
    {
        using (var connection = database.Open())
        {
            Execute(connection, null, "UPDATE local_jobs SET state = $state WHERE job_id = $job", ("$state", state.ToBatchName()), ("$job", spec.Id.Value));
            if (state == JobState.Cancelled)
                Execute(connection, null, "UPDATE local_tasks SET state = 'CANCELLED' WHERE job_id = $job AND state IN ('PENDING', 'RUNNING')", ("$job", spec.Id.Value));
        }
        Publish(spec, state, state.ToBatchName().ToLowerInvariant());
    }

    private void Publish(JobSpec spec, JobState state, string suffix) =>
        events.Publish(spec.Id.Run, new JobStateChanged($"{spec.Id}:{suffix}", spec.Id, state, Counts(spec.Id)));

    private List<int> PendingTasks(JobId job)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT task_index FROM local_tasks WHERE job_id = $job AND state IN ('PENDING', 'RUNNING') ORDER BY task_index";
        command.Parameters.AddWithValue("$job", job.Value);
        var pending = new List<int>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            pending.Add(reader.GetInt32(0));
        return pending;
    }

    private TaskCounts Counts(JobId job)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, COUNT(*) FROM local_tasks WHERE job_id = $job GROUP BY state";
        command.Parameters.AddWithValue("$job", job.Value);
        int pending = 0, running = 0, succeeded = 0, failed = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var n = reader.GetInt32(1);
            switch (reader.GetString(0))
            {
                case "PENDING": pending += n; break;
                case "RUNNING": running += n; break;
                case "SUCCEEDED": succeeded += n; break;
                default: failed += n; break;
            }
        }
        return new TaskCounts(pending, running, succeeded, failed);
    }

    private void SetTask(JobId job, int index, string state, int? exitCode, int? pid, long? pidStart)
    {
        using var connection = database.Open();
        Execute(connection, null,
            "UPDATE local_tasks SET state = $state, exit_code = $exit, pid = $pid, pid_start = $start, attempts = attempts + CASE WHEN $state = 'RUNNING' THEN 1 ELSE 0 END WHERE job_id = $job AND task_index = $i",
            ("$state", state), ("$exit", (object?)exitCode ?? DBNull.Value), ("$pid", (object?)pid ?? DBNull.Value), ("$start", (object?)pidStart ?? DBNull.Value),
            ("$job", job.Value), ("$i", index));
    }

    private JobRow? ReadJob(JobId job)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT spec, state, cancel_requested FROM local_jobs WHERE job_id = $job";
        command.Parameters.AddWithValue("$job", job.Value);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new JobRow(JsonSerializer.Deserialize<JobSpec>(reader.GetString(0), OrchestratorJson.Options)!, reader.GetString(1), reader.GetInt32(2) == 1)
            : null;
    }

    private static bool IsFinal(string state) => ParseState(state).IsFinal();

    private static JobState ParseState(string state) =>
        JobStates.TryParseBatchName(state, out var parsed) ? parsed : throw new InvalidOperationException($"unknown local job state '{state}'");

    private sealed record JobRow(JobSpec Spec, string State, bool CancelRequested);

    [LoggerMessage(Level = LogLevel.Information, Message = "recovering job {Job} after a restart")]
    private partial void LogRecovering(string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job} task {Task} exited {ExitCode}; retry {Attempt}")]
    private partial void LogRetrying(string job, int task, int exitCode, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job} task {Task} failed with exit code {ExitCode}; log: {LogFile}")]
    private partial void LogTaskFailed(string job, int task, int exitCode, string logFile);

    [LoggerMessage(Level = LogLevel.Error, Message = "job {Job} stopped unexpectedly: {Reason}")]
    private partial void LogJobCrashed(string job, string reason);
}
