namespace Epy.Orchestrator.Core.Events;

/// <summary>Someone asked to cancel the run.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Reason">Why, in words (shown in the run's history).</param>
public sealed record CancelRequested(string EventId, string Reason) : RunEvent(EventId);
