using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Events;

/// <summary>
/// The job runner has no such job (Batch's <c>jobs.get</c> answered 404): it was never created, or it was
/// deleted. Reported only when nothing that would create it is waiting (its submit is not in the outbox).
/// </summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Job">The job.</param>
public sealed record JobNotFound(string EventId, JobId Job) : RunEvent(EventId);
