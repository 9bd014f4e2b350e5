using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Ports;

/// <summary>A job's real state, as the job runner sees it now.</summary>
/// <param name="State">Its state.</param>
/// <param name="Counts">Its task counts.</param>
public sealed record JobStatus(JobState State, TaskCounts Counts);
