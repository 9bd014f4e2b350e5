using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Firestore;

/// <summary>
/// How a run lives in Firestore. <c>runs/{run_id}</c> holds the state and policy as JSON text (the source
/// of truth, exact to the tick) beside typed copies of what queries filter and sort on, the version, and
/// the outbox; <c>runs/{run_id}/events/{sha256(event_id)}</c> marks a processed event;
/// <c>requests/{sha256(idempotency_key)}</c> names the run a request created;
/// <c>runs/{run_id}/history/{sequence, 12 digits}</c> holds a history entry that left the state (archived, never deleted). Pure: no I/O.
/// </summary>
/// <remarks>
/// Indexes (production): ListAsync needs composite indexes on <c>runs</c> of (exp_id, run_id desc),
/// (status, run_id desc) and (exp_id, status, run_id desc); <c>state_json</c>, <c>policy_json</c> and
/// <c>outbox</c> should be exempt from single-field indexing (large, never queried). A TTL policy on the
/// <c>events</c> collection group's <see cref="MarkerExpiresAt"/> field deletes markers after
/// <see cref="MarkerRetention"/>. All of these are declared in <c>terraform/firestore.tf</c>.
/// </remarks>
public static class RunDocument
{
    /// <summary>The runs collection.</summary>
    public const string Runs = "runs";

    /// <summary>A run's processed-event markers (a subcollection).</summary>
    public const string Events = "events";

    /// <summary>A run's archived history entries (a subcollection), one document each, named by sequence number.</summary>
    public const string History = "history";

    /// <summary>The idempotency keys of run-creating requests.</summary>
    public const string Requests = "requests";

    /// <summary>
    /// The timestamp field of a processed-event marker that Firestore's TTL policy deletes it after
    /// (a field in the past makes the document eligible; deletion follows within about a day).
    /// </summary>
    public const string MarkerExpiresAt = "expire_at";

    /// <summary>
    /// How long a processed-event marker is kept. Pub/Sub redelivers for at most 7 days (its longest
    /// retention) and a run's deadline is at most 30 days; an event older than this that still came
    /// would find its job's state already applied (states never go backward) or its run terminal.
    /// </summary>
    public static readonly TimeSpan MarkerRetention = TimeSpan.FromDays(30);

    /// <summary>Field names of a run document.</summary>
    public static class Fields
    {
        /// <summary>The run id (string; documents are listed by it).</summary>
        public const string RunId = "run_id";

        /// <summary>The experiment id (string).</summary>
        public const string ExpId = "exp_id";

        /// <summary>The status, in its wire form (string).</summary>
        public const string Status = "status";

        /// <summary>Whether the status is final (boolean).</summary>
        public const string Terminal = "terminal";

        /// <summary>Whether commands wait in the outbox (boolean).</summary>
        public const string HasOutbox = "has_outbox";

        /// <summary>The optimistic-concurrency version (integer).</summary>
        public const string Version = "version";

        /// <summary>When the run was accepted (timestamp).</summary>
        public const string CreatedAt = "created_at";

        /// <summary>When a decision last changed it (timestamp).</summary>
        public const string UpdatedAt = "updated_at";

        /// <summary>The whole <see cref="RunState"/> (string, JSON).</summary>
        public const string StateJson = "state_json";

        /// <summary>The <see cref="RunPolicy"/> (string, JSON).</summary>
        public const string PolicyJson = "policy_json";

        /// <summary>Commands waiting, oldest first (array of maps: command_id, command_json, created_at, attempts).</summary>
        public const string Outbox = "outbox";
    }

    /// <summary>The path of run <paramref name="run"/>'s document.</summary>
    public static string RunPath(RunId run) => $"{Runs}/{run.Value}";

    /// <summary>The path of the marker of <paramref name="eventId"/> for <paramref name="run"/> (any text may be an event id: it is hashed).</summary>
    public static string EventPath(RunId run, string eventId) => $"{Runs}/{run.Value}/{Events}/{Hash(eventId)}";

    /// <summary>The path of run <paramref name="run"/>'s archived history entry <paramref name="sequence"/>.</summary>
    public static string HistoryPath(RunId run, long sequence) =>
        $"{Runs}/{run.Value}/{History}/{sequence.ToString("D12", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The fields of an archived history entry: its sequence number and the entry as JSON text (exact to the tick).</summary>
    public static Dictionary<string, FirestoreValue> Archived(ArchivedEntry archived)
    {
        ArgumentNullException.ThrowIfNull(archived);
        return new(StringComparer.Ordinal)
        {
            ["sequence"] = FirestoreValue.Of(archived.Sequence),
            ["entry_json"] = FirestoreValue.Of(JsonSerializer.Serialize(archived.Entry, OrchestratorJson.Options)),
        };
    }

    /// <summary>The archived history entry a document holds.</summary>
    public static ArchivedEntry DecodeArchived(FirestoreDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var entry = JsonSerializer.Deserialize<HistoryEntry>(document.Field("entry_json").AsString(), OrchestratorJson.Options)
            ?? throw new FormatException($"{document.Name}: entry_json is null");
        return new ArchivedEntry(document.Field("sequence").AsInteger(), entry);
    }

    /// <summary>The path of the record of <paramref name="idempotencyKey"/>.</summary>
    public static string RequestPath(string idempotencyKey) => $"{Requests}/{Hash(idempotencyKey)}";

    /// <summary>A document id for any text: the lowercase hex SHA-256 of its UTF-8 (document ids may not hold '/', nor be '.' or '__x__').</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The fields of <paramref name="run"/>'s document.</summary>
    public static Dictionary<string, FirestoreValue> Encode(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var state = run.State;
        return new(StringComparer.Ordinal)
        {
            [Fields.RunId] = FirestoreValue.Of(state.Run.Value),
            [Fields.ExpId] = FirestoreValue.Of(state.Experiment.Value),
            [Fields.Status] = FirestoreValue.Of(state.Status.ToWire()),
            [Fields.Terminal] = FirestoreValue.Of(state.Status.IsTerminal()),
            [Fields.Version] = FirestoreValue.Of(run.Version),
            [Fields.CreatedAt] = FirestoreValue.Of(state.CreatedAt),
            [Fields.UpdatedAt] = FirestoreValue.Of(state.UpdatedAt),
            [Fields.StateJson] = FirestoreValue.Of(JsonSerializer.Serialize(state, OrchestratorJson.Options)),
            [Fields.PolicyJson] = FirestoreValue.Of(JsonSerializer.Serialize(run.Policy, OrchestratorJson.Options)),
            [Fields.Outbox] = EncodeOutbox(run.Outbox),
            [Fields.HasOutbox] = FirestoreValue.Of(run.Outbox.Count > 0),
        };
    }

    /// <summary>The outbox fields alone (what completing a command or counting a try rewrites).</summary>
    public static Dictionary<string, FirestoreValue> EncodeOutboxFields(IReadOnlyList<OutboxEntry> outbox) => new(StringComparer.Ordinal)
    {
        [Fields.Outbox] = EncodeOutbox(outbox),
        [Fields.HasOutbox] = FirestoreValue.Of(outbox.Count > 0),
    };

    /// <summary>The run a document holds.</summary>
    public static StoredRun Decode(FirestoreDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var state = JsonSerializer.Deserialize<RunState>(document.Field(Fields.StateJson).AsString(), OrchestratorJson.Options)
            ?? throw new FormatException($"{document.Name}: state_json is null");
        var policy = JsonSerializer.Deserialize<RunPolicy>(document.Field(Fields.PolicyJson).AsString(), OrchestratorJson.Options)
            ?? throw new FormatException($"{document.Name}: policy_json is null");
        var outbox = document.Fields!.TryGetValue(Fields.Outbox, out var entries)
            ? entries.AsArray().Select(entry => DecodeEntry(entry.AsMap())).ToList()
            : [];
        return new StoredRun(state, policy, document.Field(Fields.Version).AsInteger(), outbox);
    }

    /// <summary>
    /// The fields of a processed-event marker: the event id in clear, when, the run version its commit
    /// wrote, and when the TTL policy may delete it (<see cref="MarkerRetention"/> later).
    /// </summary>
    public static Dictionary<string, FirestoreValue> Marker(string eventId, long version, DateTimeOffset at) => new(StringComparer.Ordinal)
    {
        ["event_id"] = FirestoreValue.Of(eventId),
        ["processed_at"] = FirestoreValue.Of(at),
        [Fields.Version] = FirestoreValue.Of(version),
        [MarkerExpiresAt] = FirestoreValue.Of(at + MarkerRetention),
    };

    /// <summary>The fields of an idempotency record.</summary>
    public static Dictionary<string, FirestoreValue> Request(string idempotencyKey, RunId run, DateTimeOffset at) => new(StringComparer.Ordinal)
    {
        ["idempotency_key"] = FirestoreValue.Of(idempotencyKey),
        [Fields.RunId] = FirestoreValue.Of(run.Value),
        [Fields.CreatedAt] = FirestoreValue.Of(at),
    };

    /// <summary><paramref name="outbox"/> with <paramref name="commands"/> appended, each command id once (a command already waiting stays as it is).</summary>
    public static IReadOnlyList<OutboxEntry> Append(IReadOnlyList<OutboxEntry> outbox, IReadOnlyList<RunCommand> commands, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(commands);
        var next = outbox.ToList();
        var ids = new HashSet<string>(outbox.Select(entry => entry.Command.CommandId), StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (ids.Add(command.CommandId))
                next.Add(new OutboxEntry(command, FirestoreTimestamp.ToMicroseconds(at), 0));
        }
        return next;
    }

    private static FirestoreValue EncodeOutbox(IReadOnlyList<OutboxEntry> outbox) =>
        FirestoreValue.Array(outbox.Select(entry => FirestoreValue.Map(new Dictionary<string, FirestoreValue>(StringComparer.Ordinal)
        {
            ["command_id"] = FirestoreValue.Of(entry.Command.CommandId),
            ["command_json"] = FirestoreValue.Of(JsonSerializer.Serialize(entry.Command, OrchestratorJson.Options)),
            [Fields.CreatedAt] = FirestoreValue.Of(entry.CreatedAt),
            ["attempts"] = FirestoreValue.Of(entry.Attempts),
        })));

    private static OutboxEntry DecodeEntry(IReadOnlyDictionary<string, FirestoreValue> fields) => new(
        JsonSerializer.Deserialize<RunCommand>(fields["command_json"].AsString(), OrchestratorJson.Options)
            ?? throw new FormatException("an outbox entry's command_json is null"),
        fields[Fields.CreatedAt].AsTimestamp(),
        checked((int)fields["attempts"].AsInteger()));
}
