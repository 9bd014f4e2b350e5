using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Events;

/// <summary>A job reported a state (Batch's <c>JOB_STATE_CHANGED</c>, or the local pool).</summary>
/// <param name="EventId">The event's id (the Pub/Sub message id in the cloud).</param>
/// <param name="Job">The job.</param>
/// <param name="State">Its new state.</param>
/// <param name="Counts">Its task counts, when the reporter knows them.</param>
/// <param name="WaitReason">Why a QUEUED or SCHEDULED job waits, when the reporter knows (Batch's status events); null otherwise.</param>
public sealed record JobStateChanged(string EventId, JobId Job, JobState State, TaskCounts? Counts = null, string? WaitReason = null) : RunEvent(EventId);
