using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Runs;

/// <summary>What starting a run did.</summary>
/// <param name="Run">The run (new, or the one an idempotency key already named).</param>
/// <param name="Created">True when this request created it.</param>
/// <param name="Errors">Validation errors by field (the run is then null).</param>
/// <param name="NotFound">Why the experiment cannot be run (the run is then null).</param>
/// <param name="Conflict">Why the request clashes with an existing run (the run is then null): its run id or idempotency key names a run of another experiment.</param>
public sealed record StartOutcome(StoredRun? Run, bool Created, IDictionary<string, string[]>? Errors, string? NotFound, string? Conflict = null);
