using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.State;

/// <summary>One job the run submitted: a stage's attempt.</summary>
/// <param name="Id">The job's deterministic id.</param>
/// <param name="State">The latest state reported, or null until the first report.</param>
/// <param name="TaskCount">How many tasks the job has.</param>
/// <param name="TaskIndices">For a resumed Stage B job while it is the run's active job, the run's task index each of its tasks runs; null means task i runs index i, or, once a later job is submitted, that the indices were dropped (to bound the run's size).</param>
/// <param name="AllowPartialResults">For Stage C: whether missing results are tolerated.</param>
/// <param name="Counts">The task counts last reported, when known.</param>
/// <param name="SubmittedAt">When the submit was decided.</param>
/// <param name="StartedAt">When it was first reported running.</param>
/// <param name="EndedAt">When it was reported final.</param>
/// <param name="WaitReason">While the job waits in the runner's queue, why (Batch's latest status event: quota, capacity, Spot stockout); null otherwise.</param>
public sealed record JobRecord(
    JobId Id,
    JobState? State,
    int TaskCount,
    ValueList<int>? TaskIndices,
    bool AllowPartialResults,
    TaskCounts? Counts,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? WaitReason = null)
{
    /// <summary>True while the job waits to run: submitted (no report yet), QUEUED or SCHEDULED.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsWaiting => State is null or JobState.Queued or JobState.Scheduled;

    /// <summary>True once the job reported a final state.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinal => State is { } state && state.IsFinal();

    /// <summary>The run's task index of the job's task <paramref name="jobTaskIndex"/>.</summary>
    public int RunTaskIndex(int jobTaskIndex) => TaskIndices is { } map ? map[jobTaskIndex] : jobTaskIndex;
}
