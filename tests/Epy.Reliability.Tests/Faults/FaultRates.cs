namespace Epy.Reliability.Tests.Faults;

/// <summary>How often each fault is injected: probabilities per call, delivery, port operation or task.</summary>
public sealed record FaultRates
{
    /// <summary>Per outbound HTTP call: 429 RESOURCE_EXHAUSTED (not applied by the server).</summary>
    public double Http429 { get; init; } = 0.015;

    /// <summary>Per outbound HTTP call: 500 INTERNAL (not applied).</summary>
    public double Http500 { get; init; } = 0.01;

    /// <summary>Per outbound HTTP call: 503 UNAVAILABLE (not applied).</summary>
    public double Http503 { get; init; } = 0.015;

    /// <summary>Per outbound HTTP call: the server does the work but its answer never comes; the client times out.</summary>
    public double HttpTimeout { get; init; } = 0.004;

    /// <summary>Per outbound HTTP call: the connection is reset, before the request reached the server or after it was applied.</summary>
    public double ConnectionReset { get; init; } = 0.015;

    /// <summary>Per job notification: delivered twice.</summary>
    public double Duplicate { get; init; } = 0.12;

    /// <summary>Per non-final job notification: held back and delivered after the job's next one (RUNNING after SUCCEEDED).</summary>
    public double Reorder { get; init; } = 0.10;

    /// <summary>Per job notification: delivered 20–300 ms late.</summary>
    public double Delay { get; init; } = 0.10;

    /// <summary>Per job notification: never delivered (the reconciler must heal it).</summary>
    public double Drop { get; init; } = 0.06;

    /// <summary>Per job notification: delivered three times at once, to both orchestrator instances (contention on the run).</summary>
    public double Concurrent { get; init; } = 0.08;

    /// <summary>Per commit: the process dies right after the commit, before carrying out its commands.</summary>
    public double KillAfterCommit { get; init; } = 0.012;

    /// <summary>Per command call (submit, cancel, count, list, write): the process dies before or after the call.</summary>
    public double KillDuringCommand { get; init; } = 0.015;

    /// <summary>Per outbox completion: the process dies after the command but before it leaves the outbox.</summary>
    public double KillBeforeOutboxCleared { get; init; } = 0.015;
}
