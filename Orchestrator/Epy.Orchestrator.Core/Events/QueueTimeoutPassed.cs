using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Events;

/// <summary>The reconciler found the run's job still waiting in the job runner's queue past its stage's queue timeout.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Job">The job that waits.</param>
public sealed record QueueTimeoutPassed(string EventId, JobId Job) : RunEvent(EventId);
