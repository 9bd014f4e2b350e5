namespace Epy.Contracts.Api;

/// <summary>A failed Stage B task.</summary>
/// <param name="Index">Its index among the run's tasks.</param>
/// <param name="ExitCode">Its last exit code, when known.</param>
public sealed record FailedTaskView(int Index, int? ExitCode);
