using System.Globalization;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;

namespace Epy.Cli;

public static partial class LiveProgress
{
    /// <summary>
    /// The lines for a run as the orchestrator's API shows it (<c>run --wait</c> in the cloud), in the same layout as
    /// a local run's: a header with a running clock, a row per stage from its latest job, and under Stage B a row per
    /// failed task with its exit code and what it means (the API has no task's log lines).
    /// </summary>
    public static IReadOnlyList<string> Lines(RunView run, TimeSpan elapsed, DateTimeOffset now, bool color)
    {
        ArgumentNullException.ThrowIfNull(run);
        var lines = new List<string> { $"{run.ExpId} {run.RunId}  {Paint(run.State, Colour(run.State), color)}  {Clock(elapsed)}" };
        foreach (var (stage, name) in (ReadOnlySpan<(string, string)>)[("builder", "A builder"), ("runner", "B runner "), ("output", "C output ")])
        {
            var job = run.Jobs.LastOrDefault(j => j.Stage == stage);
            if (job is null)
            {
                lines.Add($"  {name}  {Paint("waiting", Dim, color)}");
                continue;
            }
            var text = $"  {name}  {Paint(job.State, Colour(job.State), color),-9}";
            if (job.Attempt > 1)
                text += string.Create(CultureInfo.InvariantCulture, $"  attempt {job.Attempt}");
            if (stage == "runner")
                text += string.Create(CultureInfo.InvariantCulture, $"  {job.Succeeded}/{job.TaskCount} done, {job.Running} running{(job.Failed > 0 ? $", {Paint($"{job.Failed} failed", Red, color)}" : "")}");
            if (job.StartedAt is { } started)
                text += $"  {Clock((job.EndedAt ?? (JobEnded(job.State) ? run.UpdatedAt : now)) - started)}";
            lines.Add(text);
            if (stage == "runner")
                lines.AddRange(FailedTaskRows(run.FailedTasks, color));
        }
        return lines;
    }

    private static IEnumerable<string> FailedTaskRows(IReadOnlyList<FailedTaskView> failed, bool color)
    {
        foreach (var task in failed.Take(MaxTaskRows))
        {
            var exit = task.ExitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $"exit {code}: {StageExitCodes.Meaning(code)}") : "exit code unknown";
            yield return string.Create(CultureInfo.InvariantCulture, $"      task {task.Index,-4} {Paint("✗", Red, color)} {exit}");
        }
        if (failed.Count > MaxTaskRows)
            yield return string.Create(CultureInfo.InvariantCulture, $"      … and {failed.Count - MaxTaskRows} more failed tasks");
    }

    private static bool JobEnded(string jobState) => jobState is "SUCCEEDED" or "FAILED" or "CANCELLED" or "DELETION_IN_PROGRESS";
}
