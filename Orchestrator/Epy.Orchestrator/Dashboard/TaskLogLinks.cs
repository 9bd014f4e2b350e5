using System.Globalization;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// Where a task's logs are: locally the dashboard's route serving the task's log file; in the cloud
/// a Cloud Logging query of the stage program's log lines for the run and task (Batch writes a task's
/// stdout and stderr to the <c>batch_task_logs</c> log).
/// </summary>
/// <param name="CloudProject">The Google Cloud project in cloud mode; null locally.</param>
public sealed record TaskLogLinks(string? CloudProject)
{
    /// <summary>The link to the logs of run task <paramref name="task"/> of job <paramref name="jobId"/>.</summary>
    public string Href(string runId, string jobId, int task) => CloudProject is null
        ? string.Create(CultureInfo.InvariantCulture, $"/runs/{Uri.EscapeDataString(runId)}/logs/{Uri.EscapeDataString(jobId)}/{task}")
        : CloudLoggingUrl(CloudProject, runId, task);

    /// <summary>The Logs Explorer URL of the stage program's lines for a run's task (the last 30 days).</summary>
    public static string CloudLoggingUrl(string project, string runId, int task)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"logName=\"projects/{project}/logs/batch_task_logs\"\njsonPayload.run_id=\"{runId}\"\njsonPayload.task_index={task}");
        return $"https://console.cloud.google.com/logs/query;query={Uri.EscapeDataString(query)};duration=P30D?project={Uri.EscapeDataString(project)}";
    }
}
