namespace Epy.Orchestrator.Core.Events;

/// <summary>The reconciler found the run past its deadline.</summary>
/// <param name="EventId">The event's id.</param>
public sealed record DeadlinePassed(string EventId) : RunEvent(EventId);
