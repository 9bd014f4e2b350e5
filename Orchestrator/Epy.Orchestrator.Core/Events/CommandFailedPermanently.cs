namespace Epy.Orchestrator.Core.Events;

/// <summary>A command could not be carried out, and retrying will not help (bad request, permission denied, retries exhausted).</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="CommandId">The failed command's id.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record CommandFailedPermanently(string EventId, string CommandId, string Reason) : RunEvent(EventId);
