using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Ports;

/// <summary>A job's real state, as the job runner sees it now.</summary>
/// <param name="State">Its state.</param>
/// <param name="Counts">Its task counts.</param>
/// <param name="Uid">The runner's unique id of this incarnation of the job (Batch's <c>uid</c>), when it has one.</param>
/// <param name="WaitReason">While the job is QUEUED or SCHEDULED, why it waits (Batch's latest status event: quota, capacity, Spot stockout); null otherwise or when the runner does not say (local mode).</param>
public sealed record JobStatus(JobState State, TaskCounts Counts, string? Uid = null, string? WaitReason = null);
