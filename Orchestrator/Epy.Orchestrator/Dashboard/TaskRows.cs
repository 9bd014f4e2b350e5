using Epy.Contracts.Api;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// A run's Stage B tasks as rows (pure): the mode's records when it keeps them (locally), else what the run view
/// says (in the cloud: the failed tasks and their exit codes; the others succeeded once their job ended well).
/// </summary>
public static class TaskRows
{
    /// <summary>
    /// Every task of <paramref name="run"/>, by index, labelled from <paramref name="manifest"/>, timed to
    /// <paramref name="now"/> while running.
    /// </summary>
    public static IReadOnlyList<TaskRow> Of(RunView run, IReadOnlyList<TaskRecord>? records, RunManifest? manifest, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var total = TaskProgress.Of(run).Total;
        string Label(int index) => manifest?.Labels.GetValueOrDefault(index) ?? "";
        if (records is not null)
        {
            var byIndex = records.ToDictionary(r => r.Index);
            return [.. Enumerable.Range(0, Math.Max(total, records.Count == 0 ? 0 : records.Max(r => r.Index) + 1)).Select(i =>
                byIndex.TryGetValue(i, out var r)
                    ? new TaskRow(i, r.JobId, Label(i), r.State, r.StartedAt is { } started ? (r.EndedAt ?? now) - started : null, r.Attempts, r.ExitCode)
                    : new TaskRow(i, null, Label(i), "PENDING", null, 0, null))];
        }
        var failed = run.FailedTasks.ToDictionary(t => t.Index, t => t.ExitCode);
        var latest = run.Jobs.LastOrDefault(j => j.Stage == "runner");
        // A job that ended, well or not, ran every task it did not list as failed to success; a cancelled one may not have.
        var others = latest?.State is "SUCCEEDED" or "FAILED" ? "SUCCEEDED" : "UNKNOWN";
        return [.. Enumerable.Range(0, total).Select(i => failed.TryGetValue(i, out var code)
            ? new TaskRow(i, latest?.JobId, Label(i), "FAILED", null, null, code)
            : new TaskRow(i, latest?.JobId, Label(i), others, null, null, null))];
    }

    /// <summary>Rows <paramref name="rows"/> with those needing a look first (<see cref="TaskRow.Urgency"/>), then by index.</summary>
    public static IEnumerable<TaskRow> UrgentFirst(IEnumerable<TaskRow> rows) => rows.OrderBy(r => r.Urgency).ThenBy(r => r.Index);
}
