using Microsoft.Data.Sqlite;

namespace Epy.Orchestrator.Local;

/// <summary>
/// The local mode's SQLite file: runs, their outboxes, processed-event markers and archived history, idempotency keys, and
/// the local job runner's jobs and tasks. WAL mode, so readers never wait for the writer.
/// </summary>
public sealed class LocalDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY, exp_id TEXT NOT NULL, status TEXT NOT NULL, terminal INTEGER NOT NULL,
            version INTEGER NOT NULL, state TEXT NOT NULL, policy TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS runs_by_exp ON runs (exp_id, run_id DESC);
        CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status, run_id DESC);
        CREATE INDEX IF NOT EXISTS runs_unsettled ON runs (terminal);
        CREATE TABLE IF NOT EXISTS outbox (
            run_id TEXT NOT NULL, command_id TEXT NOT NULL, command TEXT NOT NULL, created_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, command_id));
        CREATE TABLE IF NOT EXISTS processed_events (
            run_id TEXT NOT NULL, event_id TEXT NOT NULL, processed_at TEXT NOT NULL, PRIMARY KEY (run_id, event_id));
        CREATE TABLE IF NOT EXISTS run_history (
            run_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, status TEXT NOT NULL, what TEXT NOT NULL, PRIMARY KEY (run_id, seq));
        CREATE TABLE IF NOT EXISTS idempotency_keys (key TEXT PRIMARY KEY, run_id TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS local_jobs (
            job_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, spec TEXT NOT NULL, state TEXT NOT NULL, cancel_requested INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS local_tasks (
            job_id TEXT NOT NULL, task_index INTEGER NOT NULL, state TEXT NOT NULL, exit_code INTEGER, attempts INTEGER NOT NULL DEFAULT 0,
            pid INTEGER, pid_start INTEGER, started_at TEXT, ended_at TEXT, PRIMARY KEY (job_id, task_index));
        """;

    // Columns added after the first release, for databases created before them (SQLite has no ADD COLUMN IF NOT EXISTS).
    private static readonly (string Table, string Column, string Type)[] AddedColumns =
        [("local_tasks", "started_at", "TEXT"), ("local_tasks", "ended_at", "TEXT")];

    private readonly string _connectionString;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    public LocalDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        foreach (var (table, column, type) in AddedColumns)
        {
            var present = SqliteCommands.Scalar(connection, null, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $column", ("$column", column));
            if (Convert.ToInt64(present, System.Globalization.CultureInfo.InvariantCulture) == 0)
                SqliteCommands.Execute(connection, null, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>An open connection (pooled) with a busy timeout, so concurrent writers wait instead of failing.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // Pooled connections keep their native handle: set it up once per handle, not per open.
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            using var command = connection.CreateCommand();
            // WAL + NORMAL: a commit survives a killed process (what the local mode must survive) without an fsync per commit.
            command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(handle, new object());
        }
        return connection;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = new();
}
