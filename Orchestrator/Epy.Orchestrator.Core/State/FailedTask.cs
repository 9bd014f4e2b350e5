namespace Epy.Orchestrator.Core.State;

/// <summary>A task that failed: its index in the run's task list (not the resumed job's) and its last exit code.</summary>
/// <param name="Index">The task's index among the run's N tasks (its input file number).</param>
/// <param name="ExitCode">Its last exit code, when known.</param>
/// <param name="Preemptions">
/// How many of its runs a Spot preemption ended (Batch's exit code 50001): in one job as a job runner lists it,
/// and in the run's <see cref="RunState.FailedTasks"/> summed over the attempts it failed in.
/// </param>
/// <remarks>Zero preemptions are not written: a run of 5,000 failed tasks must keep its document small.</remarks>
public sealed record FailedTask(
    int Index,
    int? ExitCode,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] int Preemptions = 0);
