namespace Epy.Contracts.Runs;

/// <summary>Facts about <see cref="JobState"/> values and their Batch names.</summary>
public static class JobStates
{
    /// <summary>True once the job will not run any more.</summary>
    public static bool IsFinal(this JobState state) =>
        state is JobState.Succeeded or JobState.Failed or JobState.Cancelled or JobState.DeletionInProgress;

    /// <summary>
    /// How far along the job is: a report with a lower rank than one already seen is stale
    /// (RUNNING delivered after SUCCEEDED). The final states share the top rank.
    /// </summary>
    public static int Rank(this JobState state) => state switch
    {
        JobState.Queued => 0,
        JobState.Scheduled => 1,
        JobState.Running => 2,
        _ => 3,
    };

    /// <summary>Batch's name: <c>QUEUED</c>, <c>DELETION_IN_PROGRESS</c>, ...</summary>
    public static string ToBatchName(this JobState state) => state switch
    {
        JobState.Queued => "QUEUED",
        JobState.Scheduled => "SCHEDULED",
        JobState.Running => "RUNNING",
        JobState.Succeeded => "SUCCEEDED",
        JobState.Failed => "FAILED",
        JobState.Cancelled => "CANCELLED",
        JobState.DeletionInProgress => "DELETION_IN_PROGRESS",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Parses Batch's name (exact, upper case), returning false for anything else (STATE_UNSPECIFIED included).</summary>
    public static bool TryParseBatchName(string? name, out JobState state)
    {
        foreach (var value in Enum.GetValues<JobState>())
        {
            if (string.Equals(value.ToBatchName(), name, StringComparison.Ordinal))
            {
                state = value;
                return true;
            }
        }
        state = default;
        return false;
    }
}
