using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// What the dashboard asks of the mode it runs in, so it never looks up a mode's options: the mode's name,
/// where a task's logs are and what it records of each task. Each mode registers its own (<c>LocalDashboardMode</c>, <c>CloudDashboardMode</c>).
/// </summary>
public interface IDashboardMode
{
    /// <summary>The mode's name in the page header: <c>local</c> or <c>cloud</c>.</summary>
    string Name { get; }

    /// <summary>The link to the logs of task <paramref name="task"/> (its index in the run) of job <paramref name="jobId"/> of run <paramref name="runId"/>.</summary>
    string TaskLogHref(string runId, string jobId, int task);

    /// <summary>The log file of task <paramref name="task"/> of <paramref name="job"/> on this machine, or null when this mode's logs are elsewhere.</summary>
    string? TaskLogFile(RunId run, JobId job, int task);

    /// <summary>
    /// Every Stage B task of <paramref name="run"/> as this mode records it, by index; null when the mode keeps no
    /// record per task (the cloud: Cloud Batch does, and the page then shows what the run view says).
    /// </summary>
    IReadOnlyList<TaskRecord>? TaskRecords(RunId run);
}
