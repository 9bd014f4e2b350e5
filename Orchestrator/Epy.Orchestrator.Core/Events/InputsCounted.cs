using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Events;

/// <summary>The builder's manifest was read: Stage B has <paramref name="TaskCount"/> tasks.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="BuilderJob">The builder job whose manifest was read.</param>
/// <param name="TaskCount">The number of tasks (0 when the builder wrote none).</param>
/// <param name="Round">The <see cref="Commands.CountInputs.Round"/> of the count it answers: a late repeat of an
/// earlier count (before a resume) must not decide the current one.</param>
public sealed record InputsCounted(string EventId, JobId BuilderJob, int TaskCount, int Round = 0) : RunEvent(EventId);
