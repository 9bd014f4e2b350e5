using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Epy.Orchestrator.Telemetry;

/// <summary>
/// The orchestrator's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>, and the attribute names its spans and metrics use. Spans: <c>handle {event}</c> per
/// event handled (state transitions as span events), <c>command {kind}</c> per command carried out,
/// <c>reconcile</c> per reconciler pass; HTTP in and out come from the ASP.NET Core and HttpClient
/// instrumentations. Metrics: <see cref="OrchestratorMetrics"/>.
/// </summary>
public static class OrchestratorTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Epy.Orchestrator";

    /// <summary>The run id attribute.</summary>
    public const string RunId = "run.id";

    /// <summary>The experiment id attribute.</summary>
    public const string ExpId = "exp.id";

    /// <summary>The event type attribute (<c>JobStateChanged</c>, ...).</summary>
    public const string EventType = "event.type";

    /// <summary>The event id attribute.</summary>
    public const string EventId = "event.id";

    /// <summary>What handling the event did: <c>applied</c>, <c>ignored</c>, <c>rejected</c>, <c>duplicate</c>, <c>unknown_run</c>.</summary>
    public const string Outcome = "event.outcome";

    /// <summary>Why an event was ignored or rejected.</summary>
    public const string Reason = "event.reason";

    /// <summary>The run's state (<c>RUNNING_TASKS</c>, ...).</summary>
    public const string RunState = "run.state";

    /// <summary>The run's state before the event.</summary>
    public const string RunStateFrom = "run.state.from";

    /// <summary>The command kind attribute (<c>SubmitJob</c>, ...).</summary>
    public const string CommandKind = "command.kind";

    /// <summary>The command id attribute.</summary>
    public const string CommandId = "command.id";

    /// <summary>The job id attribute.</summary>
    public const string JobId = "job.id";

    /// <summary>The job state attribute (Batch's name).</summary>
    public const string JobState = "job.state";

    /// <summary>The stage attribute: <c>builder</c>, <c>runner</c>, <c>output</c>.</summary>
    public const string Stage = "stage";

    /// <summary>The span event of a state transition.</summary>
    public const string TransitionEvent = "run.transition";

    private static readonly string Version =
        typeof(OrchestratorTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The source of the orchestrator's own spans.</summary>
    public static ActivitySource Source { get; } = new(Name, Version);

    /// <summary>The meter of the orchestrator's metrics.</summary>
    public static Meter Meter { get; } = new(Name, Version);
}
