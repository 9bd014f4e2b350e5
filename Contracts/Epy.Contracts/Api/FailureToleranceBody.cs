namespace Epy.Contracts.Api;

/// <summary>How many Stage B tasks may fail while Stage C still runs: a count, a fraction, or both.</summary>
/// <param name="MaxFailedTasks">At most this many failed tasks.</param>
/// <param name="MaxFailedFraction">At most this fraction of the tasks (0 to 1).</param>
public sealed record FailureToleranceBody(int? MaxFailedTasks = null, double? MaxFailedFraction = null);
