namespace Epy.Orchestrator.Core.Events;

/// <summary>The run was accepted and should start.</summary>
/// <param name="EventId">The event's id.</param>
public sealed record RunRequested(string EventId) : RunEvent(EventId);
