namespace Epy.Orchestrator.Core.State;

/// <summary>A history entry with its place in the run's whole history.</summary>
/// <param name="Sequence">Its sequence number: 0 for the run's first entry, counting up.</param>
/// <param name="Entry">The entry.</param>
public sealed record ArchivedEntry(long Sequence, HistoryEntry Entry);
