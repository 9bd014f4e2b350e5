using System.Globalization;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Dashboard;

namespace Epy.Orchestrator.Local;

/// <summary>The dashboard in local mode: a task's log is a file under the logs folder, served by the dashboard's log route; its tasks are rows of the local database.</summary>
public sealed class LocalDashboardMode(LocalModeOptions options, LocalJobTable tasks) : IDashboardMode
{
    /// <inheritdoc />
    public string Name => "local";

    /// <inheritdoc />
    public string TaskLogHref(string runId, string jobId, int task) =>
        string.Create(CultureInfo.InvariantCulture, $"/runs/{Uri.EscapeDataString(runId)}/logs/{Uri.EscapeDataString(jobId)}/{task}");

    /// <inheritdoc />
    public string? TaskLogFile(RunId run, JobId job, int task)
    {
        ArgumentNullException.ThrowIfNull(job);
        return LocalModeOptions.TaskLogPath(options.LogsRoot, run.Value, job.Value, task);
    }

    /// <inheritdoc />
    public IReadOnlyList<TaskRecord>? TaskRecords(RunId run) => tasks.RunnerTasks(run);
}
