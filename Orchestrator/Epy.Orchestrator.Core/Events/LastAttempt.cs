using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Events;

/// <summary>
/// What the host read of a run's last attempt just before a resume: its job's real state and, for a
/// Stage B job, which of the run's task results exist. A resume decides on these, not on what the run
/// last heard.
/// </summary>
/// <param name="Job">The job read (the run's active job when it was read).</param>
/// <param name="Read">False when the job runner could not be asked (it failed or did not answer): the resume waits.</param>
/// <param name="State">The job's state per the job runner; null when the runner does not know the job (never created, or deleted).</param>
/// <param name="TasksWithResults">The run's task indices whose result exists; null when not read (not a Stage B job, or the results could not be listed).</param>
public sealed record LastAttempt(JobId Job, bool Read, JobState? State, ValueList<int>? TasksWithResults);
