using System.Globalization;
using System.Text.RegularExpressions;
using Epy.Contracts.Runs;

namespace Epy.Cli.Logs;

/// <summary>
/// The Cloud Logging query of a run's task logs. Batch copies a job's labels onto every entry it writes
/// (<c>logsPolicy: CLOUD_LOGGING</c>), and the orchestrator labels every job with <c>run_id</c> and <c>stage</c>
/// (<c>BatchJobBuilder.JobLabels</c>); the task is in Batch's own <c>task_id</c> label
/// (<c>task/{job_uid}-group0-{index}/0/0</c>). Pure.
/// </summary>
public static partial class CloudLoggingFilter
{
    /// <summary>The log Batch writes the tasks' stdout and stderr to.</summary>
    public const string TaskLog = "batch_task_logs";

    /// <summary>The filter for <paramref name="query"/> in <paramref name="project"/>; <paramref name="from"/> (polling) replaces its <c>Since</c>.</summary>
    public static string Build(string project, LogQuery query, DateTimeOffset? from = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(query);
        var terms = new List<string>
        {
            $"logName=\"projects/{project}/logs/{TaskLog}\"",
            $"labels.run_id=\"{Labels.SanitizeValue(query.Run.Value)}\"",
        };
        if (query.Stage is { } stage)
            terms.Add($"labels.stage=\"{stage.Command()}\"");
        if (query.TaskIndex is { } task)
            terms.Add(string.Create(CultureInfo.InvariantCulture, $"labels.task_id:\"-group0-{task}/\""));
        if (query.Level is { } level)
            terms.Add($"severity>={level}");
        if ((from ?? query.Since) is { } since)
            terms.Add($"timestamp>=\"{since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}\"");
        return string.Join(" AND ", terms);
    }

    /// <summary>The Batch task index in a <c>task_id</c> label, or null.</summary>
    public static int? TaskIndexOf(string? taskId) =>
        taskId is not null && TaskIdPattern().Match(taskId) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex("-group0-([0-9]+)(/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex TaskIdPattern();
}
