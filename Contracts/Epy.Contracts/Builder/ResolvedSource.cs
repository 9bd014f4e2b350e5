namespace Epy.Contracts.Builder;

/// <summary>An aggregation source as the builder resolved it, recorded in the manifest.</summary>
/// <param name="ExpId">The source experiment.</param>
/// <param name="RunId">The run whose results are aggregated.</param>
/// <param name="Requested">The <c>run_id</c> the config wrote: <c>latest</c> or the run id itself.</param>
/// <param name="Weight">The source's weight.</param>
/// <param name="Kind">What the source run's tasks did.</param>
public sealed record ResolvedSource(string ExpId, string RunId, string Requested, double Weight, TaskKind Kind);
