using System.Globalization;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Cli;

/// <summary>
/// The task rows of <see cref="LiveProgress"/> for a local run: from the running Stage B job's task log files
/// (<c>{logs}/{run}/{job}/task_00000.log</c>). Only the most recently written logs are read, so a 5,000-task
/// job costs a folder listing and a few small reads per redraw.
/// </summary>
public static class LocalTaskLogs
{
    private const int LogsRead = 2 * LiveProgress.MaxTaskRows;

    /// <summary>One row per task of the latest runner job while it runs; empty otherwise.</summary>
    public static IReadOnlyList<LiveProgress.TaskLine> Read(string logsRoot, RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Jobs.LastOrDefault(j => j.Id.Stage == Stage.Runner) is not { IsFinal: false } job)
            return [];
        var folder = Path.Combine(logsRoot, state.Run.Value, job.Id.Value);
        var logs = new Dictionary<int, FileInfo>();
        if (Directory.Exists(folder))
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("task_*.log"))
            {
                if (int.TryParse(file.Name.AsSpan(5, file.Name.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    logs[index] = file;
            }
        }
        var recent = logs.OrderByDescending(p => p.Value.LastWriteTimeUtc).Take(LogsRead).Select(p => p.Key).ToHashSet();
        var indices = job.TaskIndices is { } some ? (IEnumerable<int>)some : Enumerable.Range(0, job.TaskCount);
        var rows = new List<LiveProgress.TaskLine>();
        foreach (var index in indices)
        {
            if (!logs.TryGetValue(index, out var file))
            {
                rows.Add(new LiveProgress.TaskLine(index, null, false));
                continue;
            }
            var tail = recent.Contains(index) ? LocalFailureReport.Tail(file.FullName) : [];
            var last = tail.Count > 0 ? tail[^1] : null;
            rows.Add(new LiveProgress.TaskLine(index, last ?? "started", last is null || !Finished(last)));
        }
        return rows;
    }

    // A runner task's last line once it ended: its summary, or the stage program's failure line.
    private static bool Finished(string line) =>
        line.Contains(" trajectories in ", StringComparison.Ordinal)
        || line.Contains("epy-stage runner: ", StringComparison.Ordinal)
        || line.StartsWith("[epy] task stopped", StringComparison.Ordinal);
}
