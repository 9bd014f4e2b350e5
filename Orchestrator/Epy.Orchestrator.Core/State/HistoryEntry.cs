using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.State;

/// <summary>One line of a run's history: a status change or a job report.</summary>
/// <param name="At">When it was decided.</param>
/// <param name="Status">The run's status after it.</param>
/// <param name="What">What happened, in words (<c>job stage-b-...-1 RUNNING</c>).</param>
public sealed record HistoryEntry(DateTimeOffset At, RunStatus Status, string What);
