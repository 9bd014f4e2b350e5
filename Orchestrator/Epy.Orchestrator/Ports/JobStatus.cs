using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Ports;

/// <summary>A job's real state, as the job runner sees it now.</summary>
/// <param name="State">Its state.</param>
/// <param name="Counts">Its task counts.</param>
/// <param name="Uid">The runner's unique id of this incarnation of the job (Batch's <c>uid</c>), when it has one.</param>
public sealed record JobStatus(JobState State, TaskCounts Counts, string? Uid = null);
