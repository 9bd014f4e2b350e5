namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// What a mode knows of one Stage B task over all of a run's runner jobs (a resumed attempt's record replaces
/// the earlier one's and adds its attempts).
/// </summary>
/// <param name="Index">The task's index in its run.</param>
/// <param name="JobId">The runner job of its latest attempt.</param>
/// <param name="State">PENDING, RUNNING, SUCCEEDED, FAILED or CANCELLED.</param>
/// <param name="Attempts">How many times it was started, over every job and retry.</param>
/// <param name="ExitCode">Its last exit code, when it ended.</param>
/// <param name="StartedAt">When its latest attempt started; null when it never ran here.</param>
/// <param name="EndedAt">When its latest attempt ended; null while it runs or when it never ran here.</param>
public sealed record TaskRecord(int Index, string JobId, string State, int Attempts, int? ExitCode, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);
