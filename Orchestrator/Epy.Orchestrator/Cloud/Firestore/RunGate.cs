using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Cloud.Firestore;

/// <summary>
/// Lets one transaction at a time per run through, within this process. Concurrent deliveries for one run
/// mostly reach the same instance; queueing them here costs nothing, while letting them race in Firestore
/// costs lock waits and aborted attempts. Across instances Firestore still decides. Striped: runs that
/// share a stripe wait for each other, which is harmless.
/// </summary>
internal sealed class RunGate
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for <paramref name="run"/>'s turn; disposing the result ends it.</summary>
    public async Task<IDisposable> EnterAsync(RunId run, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(run.Value) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(stripe);
    }

    private sealed class Turn(SemaphoreSlim stripe) : IDisposable
    {
        private SemaphoreSlim? _stripe = stripe;

        public void Dispose() => Interlocked.Exchange(ref _stripe, null)?.Release();
    }
}
