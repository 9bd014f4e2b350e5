using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Ports;

/// <summary>
/// Where runs live (SQLite locally, Firestore in the cloud). A commit writes the new state, the
/// decision's commands (the outbox) and the processed-event marker in one transaction, only if the
/// run's version is still the one read.
/// </summary>
public interface IRunStore
{
    /// <summary>
    /// Creates <paramref name="run"/>, unless <paramref name="idempotencyKey"/> already named a run (or the
    /// run id exists): then returns that run instead and creates nothing.
    /// </summary>
    /// <returns>The stored run and whether this call created it.</returns>
    Task<(StoredRun Run, bool Created)> CreateAsync(StoredRun run, string? idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The run, or null.</summary>
    Task<StoredRun?> GetAsync(RunId run, CancellationToken cancellationToken);

    /// <summary>As <see cref="CommitAsync(RunState, long, IReadOnlyList{RunCommand}, IReadOnlyCollection{string}, string, CancellationToken)"/>, superseding nothing.</summary>
    Task<CommitResult> CommitAsync(RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, string eventId, CancellationToken cancellationToken) =>
        CommitAsync(state, expectedVersion, commands, [], eventId, cancellationToken);

    /// <summary>
    /// Writes <paramref name="state"/> (archiving, in the same transaction, the history entries that leave the state:
    /// <see cref="RunHistory.Leaving"/>), removes the commands named by <paramref name="superseded"/> from the outbox
    /// (the decision made them moot: they must never be carried out), appends <paramref name="commands"/> and marks
    /// <paramref name="eventId"/> processed, all in one transaction, if the run is still at <paramref name="expectedVersion"/>.
    /// </summary>
    Task<CommitResult> CommitAsync(
        RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, IReadOnlyCollection<string> superseded, string eventId, CancellationToken cancellationToken);

    /// <summary>Removes a command from the run's outbox (done, or failed for good).</summary>
    Task CompleteCommandAsync(RunId run, string commandId, CancellationToken cancellationToken);

    /// <summary>Counts one more try of an outbox command.</summary>
    Task RecordAttemptAsync(RunId run, string commandId, CancellationToken cancellationToken);

    /// <summary>A page of runs, newest first, and whether (from where) more follow.</summary>
    Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The run's archived history entries (those that left <see cref="RunState.History"/>) with sequence numbers from
    /// <paramref name="from"/>, at most <paramref name="count"/>, oldest first.
    /// </summary>
    Task<IReadOnlyList<ArchivedEntry>> ReadArchivedHistoryAsync(RunId run, long from, int count, CancellationToken cancellationToken);

    /// <summary>Every run that is not final or still has commands in its outbox (for the reconciler).</summary>
    Task<IReadOnlyList<StoredRun>> ListUnsettledAsync(CancellationToken cancellationToken);
}
