namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// One job on a run's timeline: how long it waited (submitted → started) and ran (started → ended, or
/// until now while it runs), and where those spans lie as fractions of the run's whole span (0 to 1).
/// </summary>
/// <param name="Stage">builder, runner or output.</param>
/// <param name="Attempt">1, 2, ...</param>
/// <param name="JobId">The job's id.</param>
/// <param name="State">Its Batch state, or SUBMITTED.</param>
/// <param name="Phase">queued, running or done.</param>
/// <param name="Queued">Time from submission to start (to now or its end when it never started).</param>
/// <param name="Running">Time from start to end (to now while it runs); null before it starts.</param>
/// <param name="QueuedFrom">Where its queued span starts on the run's span.</param>
/// <param name="RunningFrom">Where its running span starts (its end when it never started).</param>
/// <param name="Until">Where it ends (now while it is not finished).</param>
public sealed record StageSpan(
    string Stage, int Attempt, string JobId, string State, string Phase,
    TimeSpan Queued, TimeSpan? Running, double QueuedFrom, double RunningFrom, double Until);
