using System.Globalization;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Microsoft.Data.Sqlite;
using static Epy.Orchestrator.Local.SqliteCommands;

namespace Epy.Orchestrator.Local;

/// <summary>The run store on SQLite: one row per run with its version, outbox and processed-event rows beside it, written in one transaction.</summary>
public sealed class SqliteRunStore(LocalDatabase database, TimeProvider time) : IRunStore
{
    /// <inheritdoc />
    public Task<(StoredRun Run, bool Created)> CreateAsync(StoredRun run, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (idempotencyKey is not null)
        {
            var existing = Scalar(connection, transaction, "SELECT run_id FROM idempotency_keys WHERE key = $key", ("$key", idempotencyKey));
            if (existing is string id && Read(connection, transaction, RunId.Parse(id)) is { } earlier)
                return Task.FromResult((earlier, false));
        }
        if (Read(connection, transaction, run.State.Run) is { } same)
            return Task.FromResult((same, false));
        Execute(connection, transaction,
            "INSERT INTO runs (run_id, exp_id, status, terminal, version, state, policy) VALUES ($run, $exp, $status, $terminal, 1, $state, $policy)",
            ("$run", run.State.Run.Value), ("$exp", run.State.Experiment.Value), ("$status", run.State.Status.ToWire()),
            ("$terminal", run.State.Status.IsTerminal() ? 1 : 0),
            ("$state", JsonSerializer.Serialize(run.State, OrchestratorJson.Options)),
            ("$policy", JsonSerializer.Serialize(run.Policy, OrchestratorJson.Options)));
        if (idempotencyKey is not null)
            Execute(connection, transaction, "INSERT INTO idempotency_keys (key, run_id) VALUES ($key, $run)", ("$key", idempotencyKey), ("$run", run.State.Run.Value));
        transaction.Commit();
        return Task.FromResult((run with { Version = 1, Outbox = [] }, true));
    }

    /// <inheritdoc />
    public Task<StoredRun?> GetAsync(RunId run, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        return Task.FromResult(Read(connection, null, run));
    }

    /// <inheritdoc />
    public Task<CommitResult> CommitAsync(RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, string eventId, CancellationToken cancellationToken) =>
        CommitAsync(state, expectedVersion, commands, [], eventId, cancellationToken);

    /// <inheritdoc />
    public Task<CommitResult> CommitAsync(
        RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, IReadOnlyCollection<string> superseded, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(superseded);
        var now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        // The marker first: its primary key says whether the event was processed (the rollback undoes it on a conflict).
        if (Execute(connection, transaction, "INSERT OR IGNORE INTO processed_events (run_id, event_id, processed_at) VALUES ($run, $event, $at)",
                ("$run", state.Run.Value), ("$event", eventId), ("$at", now)) == 0)
            return Task.FromResult(CommitResult.AlreadyProcessed);
        // Only a full history sheds entries: the state it replaces is read (in this transaction) only then.
        var leaving = state.HistoryArchived > 0 && Read(connection, transaction, state.Run) is { } before && before.Version == expectedVersion
            ? RunHistory.Leaving(before.State, state)
            : [];
        var updated = Execute(connection, transaction,
            "UPDATE runs SET status = $status, terminal = $terminal, version = version + 1, state = $state WHERE run_id = $run AND version = $version",
            ("$status", state.Status.ToWire()), ("$terminal", state.Status.IsTerminal() ? 1 : 0),
            ("$state", JsonSerializer.Serialize(state, OrchestratorJson.Options)), ("$run", state.Run.Value), ("$version", expectedVersion));
        if (updated == 0)
            return Task.FromResult(CommitResult.Conflict);
        foreach (var archived in leaving)
        {
            Execute(connection, transaction, "INSERT OR IGNORE INTO run_history (run_id, seq, at, status, what) VALUES ($run, $seq, $at, $status, $what)",
                ("$run", state.Run.Value), ("$seq", archived.Sequence), ("$at", archived.Entry.At.ToString("O", CultureInfo.InvariantCulture)),
                ("$status", archived.Entry.Status.ToWire()), ("$what", archived.Entry.What));
        }
        foreach (var commandId in superseded)
            Execute(connection, transaction, "DELETE FROM outbox WHERE run_id = $run AND command_id = $id", ("$run", state.Run.Value), ("$id", commandId));
        foreach (var command in commands)
        {
            Execute(connection, transaction,
                "INSERT OR IGNORE INTO outbox (run_id, command_id, command, created_at, attempts) VALUES ($run, $id, $command, $at, 0)",
                ("$run", state.Run.Value), ("$id", command.CommandId), ("$command", JsonSerializer.Serialize(command, OrchestratorJson.Options)), ("$at", now));
        }
        transaction.Commit();
        return Task.FromResult(CommitResult.Committed);
    }

    /// <inheritdoc />
    public Task CompleteCommandAsync(RunId run, string commandId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        Execute(connection, null, "DELETE FROM outbox WHERE run_id = $run AND command_id = $id", ("$run", run.Value), ("$id", commandId));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecordAttemptAsync(RunId run, string commandId, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        Execute(connection, null, "UPDATE outbox SET attempts = attempts + 1 WHERE run_id = $run AND command_id = $id", ("$run", run.Value), ("$id", commandId));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Experiment is { } exp)
        {
            where.Add("exp_id = $exp");
            command.Parameters.AddWithValue("$exp", exp.Value);
        }
        if (query.Status is { } status)
        {
            where.Add("status = $status");
            command.Parameters.AddWithValue("$status", status.ToWire());
        }
        if (query.After is { } after)
        {
            where.Add("run_id < $after");
            command.Parameters.AddWithValue("$after", after.Value);
        }
        command.CommandText = "SELECT run_id FROM runs" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY run_id DESC LIMIT $limit";
        // One more than a page says whether another page follows.
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        return Task.FromResult(RunPage.Of(ReadAll(connection, command), query.Limit));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ArchivedEntry>> ReadArchivedHistoryAsync(RunId run, long from, int count, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        IReadOnlyList<ArchivedEntry> entries = Rows(connection, null,
            "SELECT seq, at, status, what FROM run_history WHERE run_id = $run AND seq >= $from ORDER BY seq LIMIT $count",
            reader => new ArchivedEntry(reader.GetInt64(0), new HistoryEntry(
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), RunStatuses.TryParse(reader.GetString(2), out var status) ? status : RunStatus.Pending, reader.GetString(3))),
            ("$run", run.Value), ("$from", from), ("$count", Math.Max(0, count)));
        return Task.FromResult(entries);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredRun>> ListUnsettledAsync(CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT run_id FROM runs WHERE terminal = 0 UNION SELECT DISTINCT run_id FROM outbox ORDER BY run_id";
        return Task.FromResult(ReadAll(connection, command));
    }

    private static IReadOnlyList<StoredRun> ReadAll(SqliteConnection connection, SqliteCommand command)
    {
        var ids = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                ids.Add(reader.GetString(0));
        }
        return [.. ids.Select(id => Read(connection, null, RunId.Parse(id))).OfType<StoredRun>()];
    }

    private static StoredRun? Read(SqliteConnection connection, SqliteTransaction? transaction, RunId run)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, state, policy FROM runs WHERE run_id = $run";
        command.Parameters.AddWithValue("$run", run.Value);
        long version;
        RunState state;
        RunPolicy policy;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
                return null;
            version = reader.GetInt64(0);
            state = JsonSerializer.Deserialize<RunState>(reader.GetString(1), OrchestratorJson.Options)!;
            policy = JsonSerializer.Deserialize<RunPolicy>(reader.GetString(2), OrchestratorJson.Options)!;
        }
        using var outbox = connection.CreateCommand();
        outbox.Transaction = transaction;
        outbox.CommandText = "SELECT command, created_at, attempts FROM outbox WHERE run_id = $run ORDER BY created_at, rowid";
        outbox.Parameters.AddWithValue("$run", run.Value);
        var entries = new List<OutboxEntry>();
        using (var reader = outbox.ExecuteReader())
        {
            while (reader.Read())
            {
                entries.Add(new OutboxEntry(
                    JsonSerializer.Deserialize<RunCommand>(reader.GetString(0), OrchestratorJson.Options)!,
                    DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                    reader.GetInt32(2)));
            }
        }
        return new StoredRun(state, policy, version, entries);
    }
}
