using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Telemetry;

/// <summary>
/// What a committed decision tells telemetry, read by comparing the run before and after it (the state
/// machine stays free of telemetry): its new history lines become span events, and a run's start and end,
/// and a job's queue, run and stage times become metrics.
/// </summary>
public static class RunTelemetry
{
    /// <summary>Records what changed from <paramref name="before"/> to <paramref name="decision"/>'s state on <paramref name="activity"/> and the metrics.</summary>
    public static void Committed(RunState before, Decision decision, Activity? activity)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(decision);
        var after = decision.State;
        var experiment = new KeyValuePair<string, object?>(OrchestratorTelemetry.ExpId, after.Experiment.Value);
        if (activity is not null)
        {
            foreach (var entry in NewHistory(before.History, after.History))
            {
                activity.AddEvent(new ActivityEvent(OrchestratorTelemetry.TransitionEvent, entry.At, new ActivityTagsCollection
                {
                    [OrchestratorTelemetry.RunState] = entry.Status.ToWire(),
                    ["what"] = entry.What,
                }));
            }
        }

        if (before.Status == RunStatus.Pending && after.Status is not RunStatus.Pending && !after.Status.IsTerminal())
            OrchestratorMetrics.RunsStarted.Add(1, experiment);
        if (!before.Status.IsTerminal() && after.Status.IsTerminal())
            OrchestratorMetrics.RunsFinished.Add(1, experiment, new(OrchestratorTelemetry.RunState, after.Status.ToWire()));

        foreach (var job in after.Jobs)
        {
            var was = before.FindJob(job.Id);
            var stage = new KeyValuePair<string, object?>(OrchestratorTelemetry.Stage, job.Id.Stage.Command());
            if (was?.StartedAt is null && job.StartedAt is { } started)
                OrchestratorMetrics.JobQueueTime.Record(Seconds(job.SubmittedAt, started), stage, experiment);
            if (was?.EndedAt is not null || job.EndedAt is not { } ended)
                continue;
            var state = new KeyValuePair<string, object?>(OrchestratorTelemetry.JobState, job.State?.ToBatchName());
            OrchestratorMetrics.StageDuration.Record(Seconds(job.SubmittedAt, ended), stage, state, experiment);
            if (job.StartedAt is { } ran)
                OrchestratorMetrics.JobRunTime.Record(Seconds(ran, ended), stage, state, experiment);
        }
    }

    /// <summary>The entries <paramref name="after"/> adds to <paramref name="before"/> (the history keeps only its latest entries).</summary>
    public static IEnumerable<HistoryEntry> NewHistory(IReadOnlyList<HistoryEntry> before, IReadOnlyList<HistoryEntry> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Count == 0)
            return after;
        var last = before[^1];
        for (var i = after.Count - 1; i >= 0; i--)
        {
            if (after[i] == last)
                return after.Skip(i + 1);
        }
        return after;
    }

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);
}
