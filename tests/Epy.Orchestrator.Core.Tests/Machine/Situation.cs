using Epy.Contracts.Runs;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>
/// A representative run for each status (two for the statuses that wait on a job, then on a command),
/// each reached through real events. Every one past Pending has an older job, so a stale report has a
/// job to come from.
/// </summary>
public enum Situation
{
    /// <summary>Accepted, nothing submitted.</summary>
    Pending,

    /// <summary>Builder attempt 1 failed, the run was resumed: builder attempt 2 submitted, no report yet.</summary>
    BuildingInputs,

    /// <summary>As <see cref="BuildingInputs"/>, and builder attempt 2 succeeded: counting its inputs.</summary>
    CountingInputs,

    /// <summary>10 tasks counted, runner attempt 1 RUNNING.</summary>
    RunningTasks,

    /// <summary>Runner attempt 1 FAILED: listing its failed tasks.</summary>
    ListingFailedTasks,

    /// <summary>Runner attempt 1 succeeded, output attempt 1 submitted, no report yet.</summary>
    Aggregating,

    /// <summary>Output attempt 1 succeeded.</summary>
    Succeeded,

    /// <summary>Task 3 failed in runner attempt 1 and again in the automatic resume (runner attempt 2).</summary>
    Failed,

    /// <summary>Cancel asked while runner attempt 1 was RUNNING.</summary>
    Cancelling,

    /// <summary>Runner attempt 1 reported CANCELLED after the cancel.</summary>
    Cancelled,
}

internal static class Situations
{
    public static RunBuilder Build(Situation situation) => situation switch
    {
        Situation.Pending => new RunBuilder(),
        Situation.BuildingInputs => new RunBuilder().Requested().Job(JobState.Failed).Resume(),
        Situation.CountingInputs => Build(Situation.BuildingInputs).Job(JobState.Succeeded),
        Situation.RunningTasks => new RunBuilder().TasksRunning(10),
        Situation.ListingFailedTasks => new RunBuilder().TasksRunning(10).Job(JobState.Failed),
        Situation.Aggregating => new RunBuilder().Aggregating(10),
        Situation.Succeeded => new RunBuilder().Succeeded(10),
        Situation.Failed => new RunBuilder().TasksRunning(10).Job(JobState.Failed).Listed(3).Job(JobState.Failed).Listed(0),
        Situation.Cancelling => new RunBuilder().TasksRunning(10).Cancel(),
        Situation.Cancelled => new RunBuilder().TasksRunning(10).Cancel().Job(JobState.Cancelled),
        _ => throw new ArgumentOutOfRangeException(nameof(situation), situation, null),
    };
}
