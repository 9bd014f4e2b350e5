using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Tests.Push;

/// <summary>A run store whose commits fail on demand (as a store briefly unreachable), around a real one.</summary>
public sealed class FailingCommits(IRunStore inner) : IRunStore
{
    private int _failures;
    private int _attempts;

    /// <summary>Commits tried, failed ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Makes the next <paramref name="times"/> commits fail (int.MaxValue: all of them).</summary>
    public void FailNext(int times) => Volatile.Write(ref _failures, times);

    public Task<CommitResult> CommitAsync(RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, IReadOnlyCollection<string> superseded, string eventId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        var left = Volatile.Read(ref _failures);
        while (left > 0)
        {
            if (Interlocked.CompareExchange(ref _failures, left - 1, left) == left)
                throw new IOException("injected: the store is unreachable");
            left = Volatile.Read(ref _failures);
        }
        return inner.CommitAsync(state, expectedVersion, commands, superseded, eventId, cancellationToken);
    }

    public Task<(StoredRun Run, bool Created)> CreateAsync(StoredRun run, string? idempotencyKey, CancellationToken cancellationToken) =>
        inner.CreateAsync(run, idempotencyKey, cancellationToken);

    public Task<StoredRun?> GetAsync(RunId run, CancellationToken cancellationToken) => inner.GetAsync(run, cancellationToken);

    public Task CompleteCommandAsync(RunId run, string commandId, CancellationToken cancellationToken) => inner.CompleteCommandAsync(run, commandId, cancellationToken);

    public Task RecordAttemptAsync(RunId run, string commandId, CancellationToken cancellationToken) => inner.RecordAttemptAsync(run, commandId, cancellationToken);

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<StoredRun>> ListUnsettledAsync(CancellationToken cancellationToken) => inner.ListUnsettledAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ArchivedEntry>> ReadArchivedHistoryAsync(RunId run, long from, int count, CancellationToken cancellationToken) =>
        inner.ReadArchivedHistoryAsync(run, from, count, cancellationToken);
}
