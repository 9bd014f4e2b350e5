namespace Epy.Orchestrator.Core.State;

/// <summary>A task that failed: its index in the run's task list (not the resumed job's) and its last exit code.</summary>
/// <param name="Index">The task's index among the run's N tasks (its input file number).</param>
/// <param name="ExitCode">Its last exit code, when known.</param>
public sealed record FailedTask(int Index, int? ExitCode);
