namespace Epy.Orchestrator.Core.Events;

/// <summary>
/// Something that happened to a run. Events arrive at least once and in any order; <see cref="EventId"/>
/// identifies a delivery's content so a repeated delivery is recognised (the Pub/Sub message id, a
/// command's id plus <c>:done</c>, a request's idempotency key).
/// </summary>
/// <param name="EventId">The event's unique id.</param>
public abstract record RunEvent(string EventId)
{
    /// <summary>A short name for logs and history: <c>JobStateChanged</c>, ...</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Kind => GetType().Name;
}
