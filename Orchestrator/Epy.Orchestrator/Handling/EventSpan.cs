using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Telemetry;

namespace Epy.Orchestrator.Handling;

/// <summary>
/// The span (<c>handle {event}</c>) and log scope of one event while it and what it led to are handled;
/// on success it counts the event by outcome.
/// </summary>
internal sealed class EventSpan
{
    private readonly RunEvent _event;

    private EventSpan(RunEvent @event, Activity? activity)
    {
        _event = @event;
        Activity = activity;
    }

    /// <summary>The span, null when nobody listens.</summary>
    public Activity? Activity { get; }

    /// <summary>What deciding the event did, once it is known.</summary>
    public HandledEvent? Handled { get; set; }

    /// <summary>The log scope open while the event's commands are carried out.</summary>
    public IDisposable? Scope { get; set; }

    /// <summary>Starts the span of <paramref name="event"/>; it becomes the current activity.</summary>
    public static EventSpan Start(RunId run, RunEvent @event)
    {
        var activity = OrchestratorTelemetry.Source.StartActivity($"handle {@event.Kind}");
        activity?.SetTag(OrchestratorTelemetry.RunId, run.Value);
        activity?.SetTag(OrchestratorTelemetry.EventType, @event.Kind);
        activity?.SetTag(OrchestratorTelemetry.EventId, @event.EventId);
        return new EventSpan(@event, activity);
    }

    /// <summary>The event and everything it led to are handled: tag and count its outcome, end the span.</summary>
    public void Succeed()
    {
        var outcome = Handled switch
        {
            { Duplicate: true } => "duplicate",
            { Run: null } => "unknown_run",
            { Decision: { } decision } => decision.Outcome.ToString().ToLowerInvariant(),
            _ => "none",
        };
        Activity?.SetTag(OrchestratorTelemetry.Outcome, outcome);
        var type = new KeyValuePair<string, object?>(OrchestratorTelemetry.EventType, _event.Kind);
        OrchestratorMetrics.EventsHandled.Add(1, type, new(OrchestratorTelemetry.Outcome, outcome));
        if (Handled is not null && (Handled.Duplicate || Handled.Decision?.Reason == Core.Machine.Reason.AlreadyApplied))
            OrchestratorMetrics.DuplicatesIgnored.Add(1, type);
        End();
    }

    /// <summary>Handling failed with <paramref name="failure"/>: mark the span, end it.</summary>
    public void Fail(Exception failure)
    {
        Activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
        End();
    }

    private void End()
    {
        Scope?.Dispose();
        Activity?.Dispose();
    }
}
