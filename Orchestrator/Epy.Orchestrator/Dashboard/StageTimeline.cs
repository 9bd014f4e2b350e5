using Epy.Contracts.Api;

namespace Epy.Orchestrator.Dashboard;

/// <summary>Turns a run's jobs into <see cref="StageSpan"/>s (pure: the time is a parameter).</summary>
public static class StageTimeline
{
    /// <summary>Run states in which nothing moves any more.</summary>
    public static bool IsFinal(string runState) => runState is "SUCCEEDED" or "FAILED" or "CANCELLED";

    /// <summary>The spans of <paramref name="run"/>'s jobs, in order, measured at <paramref name="now"/>.</summary>
    public static IReadOnlyList<StageSpan> Of(RunView run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        var start = run.CreatedAt;
        var end = IsFinal(run.State) ? Max(run.UpdatedAt, run.Jobs.Select(j => j.EndedAt ?? j.SubmittedAt)) : Max(now, run.Jobs.Select(j => j.EndedAt ?? j.SubmittedAt));
        var whole = Math.Max((end - start).TotalMilliseconds, 1);
        double At(DateTimeOffset t) => Math.Clamp((t - start).TotalMilliseconds / whole, 0, 1);

        return [.. run.Jobs.Select(job =>
        {
            // A job left unfinished by a finished run (cancelled before it reported) ends with the run.
            var stop = job.EndedAt ?? (IsFinal(run.State) ? end : now);
            var started = job.StartedAt;
            var phase = job.EndedAt is not null || IsFinalJob(job.State) ? "done" : started is null ? "queued" : "running";
            var queuedUntil = started ?? stop;
            return new StageSpan(job.Stage, job.Attempt, job.JobId, job.State, phase,
                Positive(queuedUntil - job.SubmittedAt), started is { } s ? Positive(stop - s) : null,
                At(job.SubmittedAt), At(queuedUntil), At(stop));
        })];
    }

    private static bool IsFinalJob(string state) => state is "SUCCEEDED" or "FAILED" or "CANCELLED" or "DELETION_IN_PROGRESS";

    private static TimeSpan Positive(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;

    private static DateTimeOffset Max(DateTimeOffset first, IEnumerable<DateTimeOffset> others) => others.Aggregate(first, (a, b) => a > b ? a : b);
}
