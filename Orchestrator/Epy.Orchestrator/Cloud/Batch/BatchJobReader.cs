using System.Globalization;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>
/// Reads Batch v1 responses: a <c>Job</c>'s state and task counts, a <c>ListTasksResponse</c>'s tasks
/// with their exit codes (Google's error body is <see cref="Epy.Google.Batch.BatchException"/>'s). Pure and lenient: int64 fields are read as strings
/// or numbers, unknown fields and states are tolerated.
/// </summary>
public static class BatchJobReader
{
    /// <summary>Batch's state while a cancelled job's VMs are cleaned up (not in <see cref="JobState"/>).</summary>
    public const string CancellationInProgress = "CANCELLATION_IN_PROGRESS";

    /// <summary>The raw <c>status.state</c> of a job, or null.</summary>
    public static string? RawState(JsonElement job) =>
        job.TryGetProperty("status", out var status) && status.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String
            ? state.GetString()
            : null;

    /// <summary>
    /// Batch's state name as a <see cref="JobState"/>. <c>CANCELLATION_IN_PROGRESS</c> is still
    /// <see cref="JobState.Running"/> (tasks are being stopped; <c>CANCELLED</c> follows); an unset or
    /// unknown state is <see cref="JobState.Queued"/>, the lowest rank, so it never hides progress.
    /// </summary>
    public static JobState ToJobState(string? raw) =>
        raw == CancellationInProgress ? JobState.Running
        : JobStates.TryParseBatchName(raw, out var state) ? state
        : JobState.Queued;

    /// <summary>The job's state and task counts.</summary>
    public static JobStatus Status(JsonElement job)
    {
        var state = ToJobState(RawState(job));
        int pending = 0, running = 0, succeeded = 0, failed = 0;
        if (job.TryGetProperty("status", out var status) && status.TryGetProperty("taskGroups", out var groups) && groups.ValueKind == JsonValueKind.Object)
        {
            foreach (var group in groups.EnumerateObject())
            {
                if (!group.Value.TryGetProperty("counts", out var counts) || counts.ValueKind != JsonValueKind.Object)
                    continue;
                foreach (var count in counts.EnumerateObject())
                {
                    var n = Int(count.Value) ?? 0;
                    switch (count.Name)
                    {
                        case "RUNNING": running += n; break;
                        case "SUCCEEDED": succeeded += n; break;
                        // A task left UNEXECUTED (its job failed or was cancelled first) will not run either.
                        case "FAILED" or "UNEXECUTED": failed += n; break;
                        default: pending += n; break;
                    }
                }
            }
        }
        // Before Batch counts anything (a queued job) every task is pending.
        var total = TaskCount(job);
        if (total is { } known && pending + running + succeeded + failed < known)
            pending = known - running - succeeded - failed;
        var uid = job.TryGetProperty("uid", out var uidElement) && uidElement.ValueKind == JsonValueKind.String ? uidElement.GetString() : null;
        var waitReason = state is JobState.Queued or JobState.Scheduled ? WaitReason(job) : null;
        return new JobStatus(state, new TaskCounts(pending, running, succeeded, failed), uid, waitReason);
    }

    /// <summary>The longest a wait reason is kept (Batch's descriptions of quota problems can run long).</summary>
    public const int MaxWaitReasonLength = 500;

    /// <summary>
    /// Why a waiting job waits: the description of its latest <c>status.statusEvents[]</c> entry that is not a mere
    /// state change (<c>Job state is set from QUEUED to SCHEDULED</c>): Batch's quota checks, resource exhaustion,
    /// Spot stockouts. Null when there is none.
    /// </summary>
    public static string? WaitReason(JsonElement job)
    {
        if (!job.TryGetProperty("status", out var status) || !status.TryGetProperty("statusEvents", out var events) || events.ValueKind != JsonValueKind.Array)
            return null;
        string? latest = null;
        DateTimeOffset? latestTime = null;
        foreach (var statusEvent in events.EnumerateArray())
        {
            if (!statusEvent.TryGetProperty("description", out var descriptionElement) || descriptionElement.ValueKind != JsonValueKind.String
                || descriptionElement.GetString() is not { Length: > 0 } description
                || description.StartsWith("Job state is set from", StringComparison.Ordinal))
                continue;
            var time = EventTime(statusEvent);
            // Events are listed oldest first; an event time, when given, settles the order.
            if (latestTime is { } seen && time is { } current && current < seen)
                continue;
            latest = description.Trim();
            latestTime = time ?? latestTime;
        }
        return latest is { Length: > MaxWaitReasonLength } ? latest[..MaxWaitReasonLength] + "…" : latest;
    }

    private static DateTimeOffset? EventTime(JsonElement statusEvent) =>
        statusEvent.TryGetProperty("eventTime", out var timeElement) && timeElement.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(timeElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : null;

    /// <summary>How many tasks the job's task groups declare, when it says.</summary>
    public static int? TaskCount(JsonElement job)
    {
        if (!job.TryGetProperty("taskGroups", out var groups) || groups.ValueKind != JsonValueKind.Array)
            return null;
        var total = 0;
        foreach (var group in groups.EnumerateArray())
        {
            if (group.TryGetProperty("taskEnvironments", out var environments) && environments.ValueKind == JsonValueKind.Array && environments.GetArrayLength() > 0)
                total += environments.GetArrayLength();
            else
                total += group.TryGetProperty("taskCount", out var count) ? Int(count) ?? 1 : 1;
        }
        return total;
    }

    /// <summary>
    /// The tasks of one <c>ListTasksResponse</c> page as (task index, last exit code, Spot preemptions), and the next
    /// page's token (null on the last page). A task's index is the last segment of its name
    /// (<c>.../taskGroups/group0/tasks/7</c>).
    /// </summary>
    public static (IReadOnlyList<FailedTask> Tasks, string? NextPageToken) TaskPage(JsonElement page)
    {
        var tasks = new List<FailedTask>();
        if (page.TryGetProperty("tasks", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var task in items.EnumerateArray())
            {
                if (TaskIndex(task) is { } index)
                    tasks.Add(new FailedTask(index, LastExitCode(task), Preemptions(task)));
            }
        }
        var next = page.TryGetProperty("nextPageToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        return (tasks, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>The task's index, from its name; null for a name that does not end in a number.</summary>
    public static int? TaskIndex(JsonElement task)
    {
        if (!task.TryGetProperty("name", out var nameElement) || nameElement.GetString() is not { } name)
            return null;
        var id = name[(name.LastIndexOf('/') + 1)..];
        return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    /// <summary>How many of the task's executions a Spot preemption ended (<c>taskExecution.exitCode</c> 50001 in its status events).</summary>
    public static int Preemptions(JsonElement task)
    {
        if (!task.TryGetProperty("status", out var status) || !status.TryGetProperty("statusEvents", out var events) || events.ValueKind != JsonValueKind.Array)
            return 0;
        return events.EnumerateArray().Count(statusEvent =>
            statusEvent.TryGetProperty("taskExecution", out var execution) && execution.TryGetProperty("exitCode", out var code)
            && Int(code) == StageExitCodes.SpotPreempted);
    }

    /// <summary>The exit code of the task's last execution (<c>status.statusEvents[].taskExecution.exitCode</c>), when it has one.</summary>
    public static int? LastExitCode(JsonElement task)
    {
        if (!task.TryGetProperty("status", out var status) || !status.TryGetProperty("statusEvents", out var events) || events.ValueKind != JsonValueKind.Array)
            return null;
        int? last = null;
        DateTimeOffset? lastTime = null;
        foreach (var statusEvent in events.EnumerateArray())
        {
            if (!statusEvent.TryGetProperty("taskExecution", out var execution) || !execution.TryGetProperty("exitCode", out var codeElement))
                continue;
            var time = statusEvent.TryGetProperty("eventTime", out var timeElement)
                && DateTimeOffset.TryParse(timeElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed
                    : (DateTimeOffset?)null;
            // Events are listed oldest first; an event time, when given, settles the order.
            if (lastTime is { } seen && time is { } current && current < seen)
                continue;
            last = Int(codeElement);
            lastTime = time ?? lastTime;
        }
        return last;
    }

    private static int? Int(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
