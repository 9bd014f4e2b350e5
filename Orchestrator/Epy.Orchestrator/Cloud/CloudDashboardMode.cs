using System.Globalization;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Dashboard;

namespace Epy.Orchestrator.Cloud;

/// <summary>
/// The dashboard in cloud mode: a task's logs are in Cloud Logging of <paramref name="project"/> (Batch writes a
/// task's stdout and stderr to the <c>batch_task_logs</c> log), linked as a Logs Explorer query.
/// </summary>
public sealed class CloudDashboardMode(string project) : IDashboardMode
{
    /// <inheritdoc />
    public string Name => "cloud";

    /// <inheritdoc />
    public string TaskLogHref(string runId, string jobId, int task) => CloudLoggingUrl(project, runId, task);

    /// <inheritdoc />
    public string? TaskLogFile(RunId run, JobId job, int task) => null;

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord>? TaskRecords(RunId run) => null;

    /// <summary>The Logs Explorer URL of the stage program's lines for a run's task (the last 30 days).</summary>
    public static string CloudLoggingUrl(string project, string runId, int task)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"logName=\"projects/{project}/logs/batch_task_logs\"\njsonPayload.run_id=\"{runId}\"\njsonPayload.task_index={task}");
        return $"https://console.cloud.google.com/logs/query;query={Uri.EscapeDataString(query)};duration=P30D?project={Uri.EscapeDataString(project)}";
    }
}
