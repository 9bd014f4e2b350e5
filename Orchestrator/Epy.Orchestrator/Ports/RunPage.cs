using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Ports;

/// <summary>A page of runs, newest first, and where the next page starts.</summary>
/// <param name="Runs">At most the query's <see cref="RunQuery.Limit"/> runs.</param>
/// <param name="Next">The last run of this page when more runs follow (the next query's <see cref="RunQuery.After"/>); null on the last page.</param>
public sealed record RunPage(IReadOnlyList<StoredRun> Runs, RunId? Next)
{
    /// <summary>The page of <paramref name="fetched"/>, which a store read with one run more than <paramref name="limit"/> to learn whether more follow.</summary>
    public static RunPage Of(IReadOnlyList<StoredRun> fetched, int limit)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        return fetched.Count > limit ? new([.. fetched.Take(limit)], fetched[limit - 1].State.Run) : new(fetched, null);
    }
}
