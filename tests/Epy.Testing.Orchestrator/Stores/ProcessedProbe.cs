using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Testing.Orchestrator.Stores;

/// <summary>
/// Whether a store marked an event processed, asked the way the processor asks: a commit of the run's current
/// state with that event id is <see cref="CommitResult.AlreadyProcessed"/> only for a marked event. A probe of an
/// unmarked event commits the unchanged state (one more version), so probe at the end of a test.
/// </summary>
public static class ProcessedProbe
{
    public static async Task<bool> WasProcessedAsync(this IRunStore store, RunId run, string eventId)
    {
        if (await store.GetAsync(run, default) is not { } stored)
            return false;
        return await store.CommitAsync(stored.State, stored.Version, [], eventId, default) == CommitResult.AlreadyProcessed;
    }
}
