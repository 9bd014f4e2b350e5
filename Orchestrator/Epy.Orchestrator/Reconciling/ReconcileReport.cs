namespace Epy.Orchestrator.Reconciling;

/// <summary>What one reconciler pass did.</summary>
/// <param name="Runs">Unsettled runs looked at.</param>
/// <param name="Redriven">Outbox commands carried out again.</param>
/// <param name="Healed">Missed events fed (job states, starts, deadlines).</param>
/// <param name="Failures">Runs the pass could not reconcile (tried again next pass).</param>
public sealed record ReconcileReport(int Runs, int Redriven, int Healed, int Failures);
