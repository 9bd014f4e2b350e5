using System.Diagnostics.Metrics;

namespace Epy.Orchestrator.Telemetry;

/// <summary>
/// The orchestrator's instruments, on <see cref="OrchestratorTelemetry.Meter"/>. Attributes stay few-valued
/// (experiments, states, stages, services), never run ids: those are on the spans.
/// </summary>
public static class OrchestratorMetrics
{
    /// <summary>Runs that left PENDING (their first job was decided), by <c>exp.id</c>.</summary>
    public static Counter<long> RunsStarted { get; } = OrchestratorTelemetry.Meter.CreateCounter<long>(
        "epy.runs.started", "{run}", "Runs started");

    /// <summary>Runs that reached a final state, by <c>exp.id</c> and <c>run.state</c> (SUCCEEDED, FAILED, CANCELLED).</summary>
    public static Counter<long> RunsFinished { get; } = OrchestratorTelemetry.Meter.CreateCounter<long>(
        "epy.runs.finished", "{run}", "Runs finished, by final state");

    /// <summary>From a job's submit to its final state, by <c>stage</c>, <c>job.state</c> and <c>exp.id</c>.</summary>
    public static Histogram<double> StageDuration { get; } = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        "epy.stage.duration", "s", "Stage job duration, submit to final state");

    /// <summary>From a job's submit to its first report of running (Batch queue and VM start), by <c>stage</c>.</summary>
    public static Histogram<double> JobQueueTime { get; } = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        "epy.job.queue_time", "s", "Job time queued before running");

    /// <summary>From a job's first report of running to its final state, by <c>stage</c> and <c>job.state</c>.</summary>
    public static Histogram<double> JobRunTime { get; } = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        "epy.job.run_time", "s", "Job time running");

    /// <summary>From an event's publishing (Pub/Sub's publishTime, or the local channel's) to its handling, by <c>event.source</c> and <c>event.type</c>.</summary>
    public static Histogram<double> EventLag { get; } = OrchestratorTelemetry.Meter.CreateHistogram<double>(
        "epy.event.lag", "s", "Event lag, published to handled");

    /// <summary>Events handled, by <c>event.type</c> and <c>event.outcome</c>.</summary>
    public static Counter<long> EventsHandled { get; } = OrchestratorTelemetry.Meter.CreateCounter<long>(
        "epy.events.handled", "{event}", "Events handled");

    /// <summary>Deliveries recognised as repeats and ignored (processed marker, or already reflected in the run), by <c>event.type</c>.</summary>
    public static Counter<long> DuplicatesIgnored { get; } = OrchestratorTelemetry.Meter.CreateCounter<long>(
        "epy.events.duplicates", "{event}", "Duplicate events ignored");

    /// <summary>Retries of failed commands, by <c>service</c> (<c>command</c>) and <c>retry.reason</c>; Google Cloud calls count theirs in <see cref="Epy.Google.Resilience.GoogleTelemetry.Retries"/>.</summary>
    public static Counter<long> Retries { get; } = OrchestratorTelemetry.Meter.CreateCounter<long>(
        "epy.retries", "{retry}", "Retries of failed calls");

    /// <summary>What reconciler passes healed, by <c>heal.kind</c>: job_state, start, deadline, outbox.</summary>
    public static Counter<long> ReconcilerHeals { get; } = OrchestratorTelemetry.Meter.CreateCounter<long>(
        "epy.reconciler.heals", "{heal}", "Missed events and stuck commands the reconciler healed");

    /// <summary>Counts one retry of <paramref name="service"/>.</summary>
    public static void Retried(string service, string reason) =>
        Retries.Add(1, new("service", service), new("retry.reason", reason));

    /// <summary>Counts one heal of <paramref name="kind"/>.</summary>
    public static void Healed(string kind) => ReconcilerHeals.Add(1, new KeyValuePair<string, object?>("heal.kind", kind));

    /// <summary>Records the lag of an event published at <paramref name="published"/> and handled at <paramref name="handled"/>.</summary>
    public static void RecordLag(string source, string eventType, DateTimeOffset published, DateTimeOffset handled) =>
        EventLag.Record(Math.Max(0, (handled - published).TotalSeconds), new("event.source", source), new(OrchestratorTelemetry.EventType, eventType));
}
