using System.Globalization;
using Epy.Contracts.Api;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// Stage B's progress over all its attempts (a resumed attempt runs only the failed tasks, so the
/// attempts' successes add up): tasks done, running and failing now, of the run's task count.
/// </summary>
/// <param name="Total">The run's tasks (0 until the builder is done).</param>
/// <param name="Done">Tasks succeeded in any attempt.</param>
/// <param name="Running">Tasks running in the latest attempt.</param>
/// <param name="Failed">Tasks failed in the latest attempt.</param>
public sealed record TaskProgress(int Total, int Done, int Running, int Failed)
{
    /// <summary>The progress of <paramref name="run"/>.</summary>
    public static TaskProgress Of(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var runners = run.Jobs.Where(j => j.Stage == "runner").ToList();
        var latest = runners.LastOrDefault();
        var total = Math.Max(run.TaskCount, runners.FirstOrDefault()?.TaskCount ?? 0);
        var done = Math.Min(total, runners.Sum(j => j.Succeeded));
        // Tasks stopped by a cancel did not fail: only the run's listed failures count then.
        var failed = latest is { State: "CANCELLED" } ? run.FailedTasks.Count : Math.Max(latest?.Failed ?? 0, run.FailedTasks.Count);
        return new TaskProgress(total, done, latest?.Running ?? 0, failed);
    }

    /// <summary>For the list: <c>12/20</c>, with failures when there are (<c>12/20, 3 failed</c>), or <c>–</c>.</summary>
    public string Brief => Total == 0
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{Done}/{Total}{(Failed > 0 ? $", {Failed} failed" : "")}");

    /// <summary>For the run page: <c>12 of 20 tasks done, 3 running, 1 failed</c>.</summary>
    public string Sentence => Total == 0
        ? "The task count is known once the builder is done."
        : string.Create(CultureInfo.InvariantCulture, $"{Done} of {Total} tasks done, {Running} running, {Failed} failed");
}
