namespace Epy.Orchestrator.Reconciling;

/// <summary>What one reconciler pass did.</summary>
/// <param name="Runs">Unsettled runs looked at.</param>
/// <param name="Redriven">Outbox commands carried out again.</param>
/// <param name="Healed">Missed events fed (job states, starts, deadlines, jobs not found).</param>
/// <param name="Failures">Runs the pass could not reconcile, or whose time budget ran out (tried again next pass).</param>
/// <param name="Deferred">Unsettled runs the pass's time budget did not reach (the next pass starts with them).</param>
/// <param name="Swept">Jobs of finished runs found still running and cancelled.</param>
public sealed record ReconcileReport(int Runs, int Redriven, int Healed, int Failures, int Deferred = 0, int Swept = 0);
