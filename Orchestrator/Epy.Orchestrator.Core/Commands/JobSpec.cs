using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>Everything a job runner needs to create one job of a stage.</summary>
/// <param name="Id">The job's deterministic id.</param>
/// <param name="Experiment">The experiment.</param>
/// <param name="TaskCount">How many tasks.</param>
/// <param name="TaskIndices">For a resumed runner job, the run's task index of each task; null for 0..N-1.</param>
/// <param name="RunTaskCount">The run's task count N (NUM_TASKS for Stage C).</param>
/// <param name="AllowPartialResults">Stage C: tolerate missing results.</param>
/// <param name="Resources">Per-task resources.</param>
/// <param name="MaxParallelism">Tasks running at once.</param>
/// <param name="TasksPerNode">Tasks per VM.</param>
/// <param name="Spot">Spot VMs.</param>
/// <param name="MaxRetryCount">Batch retries per task.</param>
/// <param name="RetryableExitCodes">Exit codes retried.</param>
/// <param name="Request">The run's image tag, repository ref and labels.</param>
/// <param name="TaskMemoryBudgetMib">
/// The memory in MiB one runner task will have (the run's Stage B <c>memory_mib</c>), which the builder and the
/// runner check a task's memory estimate against (<c>TASK_MEMORY_BUDGET_MIB</c>); 0 for the other stages.
/// </param>
public sealed record JobSpec(
    JobId Id,
    ExperimentId Experiment,
    int TaskCount,
    ValueList<int>? TaskIndices,
    int RunTaskCount,
    bool AllowPartialResults,
    StageResources Resources,
    int MaxParallelism,
    int TasksPerNode,
    bool Spot,
    int MaxRetryCount,
    ValueList<int> RetryableExitCodes,
    RunRequest Request,
    int TaskMemoryBudgetMib = 0)
{
    /// <summary>The job's stage.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Stage Stage => Id.Stage;
}
