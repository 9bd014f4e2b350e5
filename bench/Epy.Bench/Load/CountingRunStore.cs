using System.Collections.Concurrent;
using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Bench.Load;

/// <summary>
/// The real run store, with every write to a run's document noted (create, commit, outbox completion,
/// attempt count) with its time, so the figures can say how hard one document is written.
/// </summary>
internal sealed class CountingRunStore(IRunStore inner) : IRunStore
{
    private readonly ConcurrentDictionary<RunId, ConcurrentQueue<long>> _writes = new();

    /// <summary>Every run's write times (Stopwatch timestamps).</summary>
    public IReadOnlyDictionary<RunId, ConcurrentQueue<long>> Writes => _writes;

    public void Reset() => _writes.Clear();

    /// <summary>The most writes to one run's document within any one second.</summary>
    public int MaxWritesPerSecondOnOneDocument()
    {
        var best = 0;
        foreach (var times in _writes.Values)
        {
            var sorted = times.Order().ToArray();
            var start = 0;
            for (var end = 0; end < sorted.Length; end++)
            {
                while (Stopwatch.GetElapsedTime(sorted[start], sorted[end]) > TimeSpan.FromSeconds(1))
                    start++;
                best = Math.Max(best, end - start + 1);
            }
        }
        return best;
    }

    private void Wrote(RunId run) => _writes.GetOrAdd(run, _ => new ConcurrentQueue<long>()).Enqueue(Stopwatch.GetTimestamp());

    public async Task<(StoredRun Run, bool Created)> CreateAsync(StoredRun run, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        Wrote(run.State.Run);
        return await inner.CreateAsync(run, idempotencyKey, cancellationToken).ConfigureAwait(false);
    }

    public Task<StoredRun?> GetAsync(RunId run, CancellationToken cancellationToken) => inner.GetAsync(run, cancellationToken);

    public Task<CommitResult> CommitAsync(RunState state, long expectedVersion, IReadOnlyList<RunCommand> commands, IReadOnlyCollection<string> superseded, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        Wrote(state.Run);
        return inner.CommitAsync(state, expectedVersion, commands, superseded, eventId, cancellationToken);
    }

    public Task CompleteCommandAsync(RunId run, string commandId, CancellationToken cancellationToken)
    {
        Wrote(run);
        return inner.CompleteCommandAsync(run, commandId, cancellationToken);
    }

    public Task RecordAttemptAsync(RunId run, string commandId, CancellationToken cancellationToken)
    {
        Wrote(run);
        return inner.RecordAttemptAsync(run, commandId, cancellationToken);
    }

    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) => inner.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<StoredRun>> ListUnsettledAsync(CancellationToken cancellationToken) => inner.ListUnsettledAsync(cancellationToken);

    public Task<IReadOnlyList<ArchivedEntry>> ReadArchivedHistoryAsync(RunId run, long from, int count, CancellationToken cancellationToken) =>
        inner.ReadArchivedHistoryAsync(run, from, count, cancellationToken);
}
