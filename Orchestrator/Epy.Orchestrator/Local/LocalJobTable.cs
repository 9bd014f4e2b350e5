using System.Globalization;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Dashboard;
using Microsoft.Data.Sqlite;
using Epy.Orchestrator.Ports;
using static Epy.Orchestrator.Local.SqliteCommands;

namespace Epy.Orchestrator.Local;

/// <summary>
/// The local jobs and their tasks as rows of the local database (<c>local_jobs</c>, <c>local_tasks</c>):
/// what survives a crash, so <see cref="LocalJobRunner.RecoverAsync"/> knows which tasks had not finished.
/// No process is started or stopped here (<see cref="LocalTaskPool"/> does that).
/// </summary>
public sealed class LocalJobTable(LocalDatabase database, TimeProvider time)
{
    /// <summary>Adds <paramref name="spec"/>'s job, queued, with its tasks pending; false when it is already there.</summary>
    public bool Insert(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var inserted = Execute(connection, transaction,
            "INSERT OR IGNORE INTO local_jobs (job_id, run_id, spec, state) VALUES ($job, $run, $spec, 'QUEUED')",
            ("$job", spec.Id.Value), ("$run", spec.Id.Run.Value), ("$spec", JsonSerializer.Serialize(spec, OrchestratorJson.Options)));
        if (inserted == 1)
        {
            for (var i = 0; i < spec.TaskCount; i++)
                Execute(connection, transaction, "INSERT INTO local_tasks (job_id, task_index, state) VALUES ($job, $i, 'PENDING')", ("$job", spec.Id.Value), ("$i", i));
        }
        transaction.Commit();
        return inserted == 1;
    }

    /// <summary>Remembers that <paramref name="job"/> is to be cancelled (a job recovered later starts cancelled).</summary>
    public void RequestCancel(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = database.Open();
        Execute(connection, null, "UPDATE local_jobs SET cancel_requested = 1 WHERE job_id = $job", ("$job", job.Value));
    }

    /// <summary>Job <paramref name="job"/>'s row, or null when there is none.</summary>
    public LocalJobRow? Read(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT spec, state, cancel_requested FROM local_jobs WHERE job_id = $job";
        command.Parameters.AddWithValue("$job", job.Value);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new LocalJobRow(JsonSerializer.Deserialize<JobSpec>(reader.GetString(0), OrchestratorJson.Options)!, ParseState(reader.GetString(1)), reader.GetInt32(2) == 1)
            : null;
    }

    /// <summary>The jobs that had not finished (queued or running).</summary>
    public IReadOnlyList<JobSpec> Unfinished()
    {
        using var connection = database.Open();
        return Rows(connection, null, "SELECT spec FROM local_jobs WHERE state IN ('QUEUED', 'RUNNING')",
            reader => JsonSerializer.Deserialize<JobSpec>(reader.GetString(0), OrchestratorJson.Options)!);
    }

    /// <summary>The processes of the tasks marked running: their ids and start times (null when unknown).</summary>
    public IReadOnlyList<(int Pid, long? Start)> RunningProcesses()
    {
        using var connection = database.Open();
        return Rows<(int, long?)>(connection, null, "SELECT pid, pid_start FROM local_tasks WHERE state = 'RUNNING' AND pid IS NOT NULL",
            reader => (reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
    }

    /// <summary>Puts every running task back to pending, without its process.</summary>
    public void ResetRunningTasks()
    {
        using var connection = database.Open();
        Execute(connection, null, "UPDATE local_tasks SET state = 'PENDING', pid = NULL, pid_start = NULL WHERE state = 'RUNNING'");
    }

    /// <summary>Marks <paramref name="job"/> running if it is still queued.</summary>
    public void MarkRunning(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = database.Open();
        Execute(connection, null, "UPDATE local_jobs SET state = 'RUNNING' WHERE job_id = $job AND state = 'QUEUED'", ("$job", job.Value));
    }

    /// <summary>Sets <paramref name="job"/>'s final <paramref name="state"/>; a cancelled job's unfinished tasks are cancelled too.</summary>
    public void Finish(JobId job, JobState state)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = database.Open();
        Execute(connection, null, "UPDATE local_jobs SET state = $state WHERE job_id = $job", ("$state", state.ToBatchName()), ("$job", job.Value));
        if (state == JobState.Cancelled)
            Execute(connection, null, "UPDATE local_tasks SET state = 'CANCELLED', ended_at = CASE WHEN state = 'RUNNING' THEN $now ELSE ended_at END WHERE job_id = $job AND state IN ('PENDING', 'RUNNING')",
                ("$job", job.Value), ("$now", Now()));
    }

    /// <summary>The indexes (in the job) of <paramref name="job"/>'s tasks that have not finished, in order.</summary>
    public IReadOnlyList<int> PendingTasks(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = database.Open();
        return Rows(connection, null, "SELECT task_index FROM local_tasks WHERE job_id = $job AND state IN ('PENDING', 'RUNNING') ORDER BY task_index",
            reader => reader.GetInt32(0), ("$job", job.Value));
    }

    /// <summary>The failed tasks of <paramref name="job"/>, with their exit codes, in order.</summary>
    public IReadOnlyList<FailedTask> FailedTasks(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = database.Open();
        return Rows(connection, null, "SELECT task_index, exit_code FROM local_tasks WHERE job_id = $job AND state = 'FAILED' ORDER BY task_index",
            reader => new FailedTask(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1)), ("$job", job.Value));
    }

    /// <summary>How many of <paramref name="job"/>'s tasks are in each state.</summary>
    public TaskCounts Counts(JobId job)
    {
        ArgumentNullException.ThrowIfNull(job);
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

    /// <summary>
    /// Sets task <paramref name="index"/> of <paramref name="job"/> to <paramref name="state"/> (PENDING, RUNNING,
    /// SUCCEEDED, FAILED) with its exit code and process; each move to RUNNING counts an attempt.
    /// </summary>
    public void SetTask(JobId job, int index, string state, int? exitCode, int? pid, long? pidStart)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var connection = database.Open();
        // A move to RUNNING starts the task's clock, any other move stops it (a task found done after a crash has neither).
        Execute(connection, null,
            """
            UPDATE local_tasks SET state = $state, exit_code = $exit, pid = $pid, pid_start = $start,
                attempts = attempts + CASE WHEN $state = 'RUNNING' THEN 1 ELSE 0 END,
                started_at = CASE WHEN $state = 'RUNNING' THEN $now ELSE started_at END,
                ended_at = CASE WHEN $state = 'RUNNING' THEN NULL WHEN started_at IS NULL THEN NULL ELSE $now END
            WHERE job_id = $job AND task_index = $i
            """,
            ("$state", state), ("$exit", (object?)exitCode ?? DBNull.Value), ("$pid", (object?)pid ?? DBNull.Value), ("$start", (object?)pidStart ?? DBNull.Value),
            ("$now", Now()), ("$job", job.Value), ("$i", index));
    }

    /// <summary>
    /// Every task of <paramref name="run"/>'s runner jobs, by the run's task index: a resumed attempt's
    /// tasks replace the earlier attempts' (state, exit code, times) and add their attempts.
    /// </summary>
    public IReadOnlyList<TaskRecord> RunnerTasks(RunId run)
    {
        using var connection = database.Open();
        var specs = Rows(connection, null, "SELECT spec FROM local_jobs WHERE run_id = $run",
                reader => JsonSerializer.Deserialize<JobSpec>(reader.GetString(0), OrchestratorJson.Options)!, ("$run", run.Value))
            .Where(s => s.Stage == Stage.Runner).OrderBy(s => s.Id.Attempt).ToList();
        var tasks = new SortedDictionary<int, TaskRecord>();
        foreach (var spec in specs)
        {
            var rows = Rows(connection, null, "SELECT task_index, state, exit_code, attempts, started_at, ended_at FROM local_tasks WHERE job_id = $job",
                reader => (Index: reader.GetInt32(0), State: reader.GetString(1), Exit: reader.IsDBNull(2) ? (int?)null : reader.GetInt32(2), Attempts: reader.GetInt32(3),
                    Started: Time(reader, 4), Ended: Time(reader, 5)),
                ("$job", spec.Id.Value));
            foreach (var row in rows)
            {
                var index = spec.TaskIndices is { } map && row.Index < map.Count ? map[row.Index] : row.Index;
                var before = tasks.TryGetValue(index, out var earlier) ? earlier.Attempts : 0;
                tasks[index] = new TaskRecord(index, spec.Id.Value, row.State, before + row.Attempts, row.Exit, row.Started, row.Ended);
            }
        }
        return [.. tasks.Values];
    }

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static JobState ParseState(string state) =>
        JobStates.TryParseBatchName(state, out var parsed) ? parsed : throw new InvalidOperationException($"unknown local job state '{state}'");
}
