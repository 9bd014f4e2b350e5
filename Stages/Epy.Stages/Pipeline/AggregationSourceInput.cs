namespace Epy.Stages.Pipeline;

/// <summary>One source run's part of an aggregation task: where its results for the task's location are.</summary>
/// <param name="ExpId">The source experiment.</param>
/// <param name="RunId">The source run (resolved: never <c>latest</c>).</param>
/// <param name="Weight">The source's weight (1 for <c>sum</c>).</param>
/// <param name="Tasks">The source run's task indexes for the location (one for a calibration, one per row for sampling), ascending.</param>
public sealed record AggregationSourceInput(string ExpId, string RunId, double Weight, IReadOnlyList<int> Tasks);
