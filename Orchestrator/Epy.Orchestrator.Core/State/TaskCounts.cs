namespace Epy.Orchestrator.Core.State;

/// <summary>How a job's tasks stand, as Batch counts them in <c>status.taskGroups[].counts</c>.</summary>
/// <param name="Pending">Waiting (Batch: PENDING, ASSIGNED).</param>
/// <param name="Running">Running.</param>
/// <param name="Succeeded">Done.</param>
/// <param name="Failed">Failed after their retries.</param>
public sealed record TaskCounts(int Pending, int Running, int Succeeded, int Failed)
{
    /// <summary>Tasks that will not run again.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Finished => Succeeded + Failed;
}
