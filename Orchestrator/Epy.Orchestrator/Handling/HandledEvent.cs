using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Handling;

/// <summary>What handling an event did.</summary>
/// <param name="Run">The run after handling (null when the run does not exist).</param>
/// <param name="Decision">The decision, or null for a duplicate delivery or an unknown run.</param>
/// <param name="Duplicate">True when the event had already been processed.</param>
public sealed record HandledEvent(StoredRun? Run, Decision? Decision, bool Duplicate)
{
    /// <summary>The event named a run that does not exist.</summary>
    public static HandledEvent UnknownRun { get; } = new(null, null, false);
}
