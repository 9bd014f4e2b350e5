using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Events;

/// <summary>The failed tasks of a failed runner job were listed.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Job">The failed job.</param>
/// <param name="Failed">Its failed tasks, by the job's own task index (a resumed job's index i runs the run's task TaskIndices[i]).</param>
public sealed record FailedTasksListed(string EventId, JobId Job, ValueList<FailedTask> Failed) : RunEvent(EventId);
