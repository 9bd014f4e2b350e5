namespace Epy.Contracts.Api;

/// <summary>One job of a run.</summary>
/// <param name="JobId">Its id, <c>stage-b-{run_id}-{attempt}</c>.</param>
/// <param name="Stage">builder, runner or output.</param>
/// <param name="Attempt">1, 2, ...</param>
/// <param name="State">Its Batch state (QUEUED ... SUCCEEDED), or SUBMITTED before the first report.</param>
/// <param name="TaskCount">Its tasks.</param>
/// <param name="Pending">Tasks waiting.</param>
/// <param name="Running">Tasks running.</param>
/// <param name="Succeeded">Tasks done.</param>
/// <param name="Failed">Tasks failed.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="StartedAt">When it started running.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="WaitReason">While it waits in Batch's queue (QUEUED, SCHEDULED), why, as Batch's latest status event says (quota, capacity, Spot stockout); null otherwise, and always locally.</param>
public sealed record JobView(
    string JobId, string Stage, int Attempt, string State, int TaskCount,
    int Pending, int Running, int Succeeded, int Failed,
    DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? WaitReason = null);
