using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Reliability.Tests.Faults;

/// <summary>
/// The real run store, seen through one process's life: it may die right after a commit, or before an outbox entry is
/// cleared. Every state it committed is shown to <paramref name="committed"/> first (the suite's watch on runs that finish).
/// </summary>
public sealed class KillableRunStore(IRunStore inner, KillSwitch life, Action<RunState> committed) : IRunStore
{
    public async Task<(StoredRun Run, bool Created)> CreateAsync(StoredRun run, string? idempotencyKey, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        var created = await inner.CreateAsync(run, idempotencyKey, cancellationToken);
        life.MaybeKill(FaultKind.KilledBetweenCommitAndCommand, run.State.Run);
        return created;
    }

    public Task<StoredRun?> GetAsync(RunId run, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        return inner.GetAsync(run, cancellationToken);
    }

    public async Task<CommitResult> CommitAsync(RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, IReadOnlyCollection<string> superseded, string eventId, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        var result = await inner.CommitAsync(state, expectedVersion, commands, superseded, eventId, cancellationToken);
        if (result == CommitResult.Committed)
            committed(state);
        if (result == CommitResult.Committed && commands.Count > 0)
            life.MaybeKill(FaultKind.KilledBetweenCommitAndCommand, state.Run);
        return result;
    }

    public Task CompleteCommandAsync(RunId run, string commandId, CancellationToken cancellationToken)
    {
        life.MaybeKill(FaultKind.KilledBeforeOutboxCleared, run);
        return inner.CompleteCommandAsync(run, commandId, cancellationToken);
    }

    public Task RecordAttemptAsync(RunId run, string commandId, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        return inner.RecordAttemptAsync(run, commandId, cancellationToken);
    }

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        return inner.ListAsync(query, cancellationToken);
    }

    public Task<IReadOnlyList<ArchivedEntry>> ReadArchivedHistoryAsync(RunId run, long from, int count, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        return inner.ReadArchivedHistoryAsync(run, from, count, cancellationToken);
    }

    public Task<IReadOnlyList<StoredRun>> ListUnsettledAsync(CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        return inner.ListUnsettledAsync(cancellationToken);
    }
}
