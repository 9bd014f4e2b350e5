using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Firestore;

/// <summary>
/// The run store on Firestore (see <see cref="RunDocument"/> for the layout). Every change is one
/// read-write transaction whose writes carry preconditions from its own reads: a commit writes the run
/// (if unchanged since read, and still at the version the caller decided from) and creates the event's
/// marker (if absent) together. The run document changes only on decisions and outbox bookkeeping, never
/// per task of a job.
/// </summary>
public sealed partial class FirestoreRunStore(FirestoreClient client, TimeProvider time) : IRunStore
{
    private readonly RunGate _gate = new();
    private readonly VersionHints _seen = new();

    /// <inheritdoc />
    public async Task<(StoredRun Run, bool Created)> CreateAsync(StoredRun run, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var created = run with { Version = 1, Outbox = [] };
        var runName = client.DocumentName(RunDocument.RunPath(run.State.Run));
        var requestName = idempotencyKey is null ? null : client.DocumentName(RunDocument.RequestPath(idempotencyKey));
        using var turn = await _gate.EnterAsync(run.State.Run, cancellationToken).ConfigureAwait(false);
        return await client.RunTransactionAsync(async (transaction, ct) =>
        {
            var documents = await transaction.GetAsync(requestName is null ? [runName] : [requestName, runName], ct).ConfigureAwait(false);
            var request = requestName is null ? null : documents[requestName];
            if (request is not null && RunId.Parse(request.Field(RunDocument.Fields.RunId).AsString()) is var earlier && earlier != run.State.Run)
            {
                var earlierName = client.DocumentName(RunDocument.RunPath(earlier));
                if ((await transaction.GetAsync([earlierName], ct).ConfigureAwait(false))[earlierName] is { } earlierRun)
                    return (RunDocument.Decode(earlierRun), false);
            }
            if (documents[runName] is { } existing)
            {
                var stored = RunDocument.Decode(existing);
                // A retry after a commit that may have been applied finds this call's own run: it did create it.
                var own = transaction.EarlierAttemptMayHaveCommitted && stored.State.CreatedAt == run.State.CreatedAt && stored.State.Request == run.State.Request;
                return (stored, own);
            }
            var writes = new List<FirestoreWrite> { FirestoreWrite.Create(new FirestoreDocument(runName, RunDocument.Encode(created))) };
            if (requestName is not null)
            {
                var record = new FirestoreDocument(requestName, RunDocument.Request(idempotencyKey!, run.State.Run, time.GetUtcNow()));
                // A record naming a run that does not exist is replaced (as it was read), not trusted.
                writes.Add(request is null ? FirestoreWrite.Create(record) : FirestoreWrite.Replace(record, request.UpdateTime!));
            }
            await transaction.CommitAsync(writes, ct).ConfigureAwait(false);
            return (created, true);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredRun?> GetAsync(RunId run, CancellationToken cancellationToken)
    {
        var name = client.DocumentName(RunDocument.RunPath(run));
        var documents = await client.GetAsync([name], cancellationToken).ConfigureAwait(false);
        return documents[name] is { } document ? Seen(RunDocument.Decode(document)) : null;
    }

    /// <inheritdoc />
    public Task<CommitResult> CommitAsync(RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, string eventId, CancellationToken cancellationToken) =>
        CommitAsync(state, expectedVersion, commands, [], eventId, cancellationToken);

    /// <inheritdoc />
    public async Task<CommitResult> CommitAsync(
        RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, IReadOnlyCollection<string> superseded, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(superseded);
        ArgumentNullException.ThrowIfNull(eventId);
        var runName = client.DocumentName(RunDocument.RunPath(state.Run));
        var markerName = client.DocumentName(RunDocument.EventPath(state.Run, eventId));
        // A commit from a version this process has already seen pass cannot win: it is told so at once,
        // before and after waiting its turn, instead of queueing for a transaction that must fail.
        if (_seen.IsPast(state.Run, expectedVersion))
            return CommitResult.Conflict;
        using var turn = await _gate.EnterAsync(state.Run, cancellationToken).ConfigureAwait(false);
        if (_seen.IsPast(state.Run, expectedVersion))
            return CommitResult.Conflict;
        var result = await client.RunTransactionAsync(async (transaction, ct) =>
        {
            var documents = await transaction.GetAsync([runName, markerName], ct).ConfigureAwait(false);
            if (documents[markerName] is { } marker)
            {
                // After a commit that may have been applied, a marker with the version this commit writes is its own.
                var own = transaction.EarlierAttemptMayHaveCommitted && marker.Field(RunDocument.Fields.Version).AsInteger() == expectedVersion + 1;
                return own ? CommitResult.Committed : CommitResult.AlreadyProcessed;
            }
            if (documents[runName] is not { } current)
                return CommitResult.Conflict;
            var stored = Seen(RunDocument.Decode(current));
            if (stored.Version != expectedVersion)
                return CommitResult.Conflict;

            var now = time.GetUtcNow();
            var next = stored with { State = state, Version = expectedVersion + 1, Outbox = RunDocument.Append([.. stored.Outbox.Where(entry => !superseded.Contains(entry.Command.CommandId))], commands, now) };
            // History entries leaving the state are archived in the same commit (written as they are: a retry writes the same).
            var archive = RunHistory.Leaving(stored.State, state).Select(archived =>
                new FirestoreWrite(new FirestoreDocument(client.DocumentName(RunDocument.HistoryPath(state.Run, archived.Sequence)), RunDocument.Archived(archived))));
            await transaction.CommitAsync(
            [
                FirestoreWrite.Replace(new FirestoreDocument(runName, RunDocument.Encode(next)), current.UpdateTime!),
                FirestoreWrite.Create(new FirestoreDocument(markerName, RunDocument.Marker(eventId, next.Version, now))),
                .. archive,
            ], ct).ConfigureAwait(false);
            return CommitResult.Committed;
        }, cancellationToken).ConfigureAwait(false);
        if (result == CommitResult.Committed)
            _seen.Saw(state.Run, expectedVersion + 1);
        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArchivedEntry>> ReadArchivedHistoryAsync(RunId run, long from, int count, CancellationToken cancellationToken)
    {
        // Sequence numbers are dense: the page is read by name, no query or index needed.
        var names = Enumerable.Range(0, Math.Clamp(count, 0, MaxHistoryRead)).Select(i => client.DocumentName(RunDocument.HistoryPath(run, from + i))).ToList();
        if (names.Count == 0)
            return [];
        var documents = await client.GetAsync(names, cancellationToken).ConfigureAwait(false);
        return [.. names.Select(name => documents[name]).OfType<FirestoreDocument>().Select(RunDocument.DecodeArchived).OrderBy(entry => entry.Sequence)];
    }

    /// <summary>The most archived history entries one read asks for.</summary>
    public const int MaxHistoryRead = 500;

    /// <inheritdoc />
    public Task CompleteCommandAsync(RunId run, string commandId, CancellationToken cancellationToken) =>
        EditOutboxAsync(run, commandId, (outbox, index) => [.. outbox.Where((_, i) => i != index)], cancellationToken);

    /// <inheritdoc />
    /// <remarks>A retried transaction whose first commit was applied after all counts the try twice: harmless for a limit of tries.</remarks>
    public Task RecordAttemptAsync(RunId run, string commandId, CancellationToken cancellationToken) =>
        EditOutboxAsync(run, commandId, (outbox, index) => [.. outbox.Select((entry, i) => i == index ? entry with { Attempts = entry.Attempts + 1 } : entry)], cancellationToken);

    private StoredRun Seen(StoredRun run)
    {
        _seen.Saw(run.State.Run, run.Version);
        return run;
    }

    /// <summary>Rewrites the outbox entry of <paramref name="commandId"/> (and nothing else; the version stays), when there is one.</summary>
    private async Task EditOutboxAsync(RunId run, string commandId, Func<IReadOnlyList<OutboxEntry>, int, IReadOnlyList<OutboxEntry>> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commandId);
        var runName = client.DocumentName(RunDocument.RunPath(run));
        using var turn = await _gate.EnterAsync(run, cancellationToken).ConfigureAwait(false);
        await client.RunTransactionAsync(async (transaction, ct) =>
        {
            if ((await transaction.GetAsync([runName], ct).ConfigureAwait(false))[runName] is not { } current)
                return false;
            var outbox = RunDocument.Decode(current).Outbox;
            var index = outbox.ToList().FindIndex(entry => entry.Command.CommandId == commandId);
            if (index < 0)
                return false;
            var fields = RunDocument.EncodeOutboxFields(edit(outbox, index));
            await transaction.CommitAsync(
                [new FirestoreWrite(new FirestoreDocument(runName, fields), FirestorePrecondition.UpdatedAt(current.UpdateTime!), new FirestoreDocumentMask([.. fields.Keys]))],
                ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }
}
