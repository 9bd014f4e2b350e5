namespace Epy.Orchestrator.Core.Events;

/// <summary>Someone asked to resume a failed run: only what failed runs again.</summary>
/// <param name="EventId">The event's id.</param>
public sealed record ResumeRequested(string EventId) : RunEvent(EventId);
