using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Ports;

/// <summary>A page of runs, newest first.</summary>
/// <param name="Experiment">Only this experiment's runs, or all.</param>
/// <param name="Status">Only runs in this status, or all.</param>
/// <param name="PageSize">At most this many (1 to 500).</param>
/// <param name="After">The run id the previous page ended with (runs older than it), or null for the first page.</param>
public sealed record RunQuery(ExperimentId? Experiment, RunStatus? Status, int PageSize, RunId? After);
