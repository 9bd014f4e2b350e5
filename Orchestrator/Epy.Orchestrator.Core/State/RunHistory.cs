namespace Epy.Orchestrator.Core.State;

/// <summary>
/// A run's whole history: the entries its state keeps (<see cref="RunState.History"/>, the latest
/// <see cref="RunState.HistoryLimit"/>) and those before them, which the store archives as they leave the state.
/// Every entry has a sequence number, 0 for the first; they never change once written.
/// </summary>
public static class RunHistory
{
    /// <summary>How many entries the run's history holds in all (archived and kept).</summary>
    public static long Count(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.HistoryArchived + state.History.Count;
    }

    /// <summary>
    /// The entries of <paramref name="before"/> that are no longer in <paramref name="after"/>'s history (the next
    /// state of the same run), with their sequence numbers: what a commit of <paramref name="after"/> must archive.
    /// </summary>
    public static IReadOnlyList<ArchivedEntry> Leaving(RunState before, RunState after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var leaving = new List<ArchivedEntry>();
        for (var i = 0; i < before.History.Count && before.HistoryArchived + i < after.HistoryArchived; i++)
            leaving.Add(new ArchivedEntry(before.HistoryArchived + i, before.History[i]));
        return leaving;
    }
}
