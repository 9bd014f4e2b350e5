namespace Epy.Orchestrator.Core.Events;

/// <summary>Someone asked to resume a failed run: only what failed runs again.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Last">What the host read of the last attempt just before (null: nothing read, decide on the stored state).</param>
public sealed record ResumeRequested(string EventId, LastAttempt? Last = null) : RunEvent(EventId);
