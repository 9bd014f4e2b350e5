using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Ports;

/// <summary>A page of runs, newest first.</summary>
/// <param name="Experiment">Only this experiment's runs, or all.</param>
/// <param name="Status">Only runs in this status, or all.</param>
/// <param name="PageSize">At most this many; clamped to 1 to <see cref="MaxPageSize"/>.</param>
/// <param name="After">The run id the previous page ended with (runs older than it), or null for the first page.</param>
public sealed record RunQuery(ExperimentId? Experiment, RunStatus? Status, int PageSize, RunId? After)
{
    /// <summary>The largest page a store returns (the API clamps <c>page_size</c> to it).</summary>
    public const int MaxPageSize = 500;

    /// <summary><see cref="PageSize"/> clamped to 1 to <see cref="MaxPageSize"/>: the page a store returns.</summary>
    public int Limit => Math.Clamp(PageSize, 1, MaxPageSize);
}
