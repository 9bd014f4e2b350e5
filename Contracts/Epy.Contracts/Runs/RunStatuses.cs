namespace Epy.Contracts.Runs;

/// <summary>Facts about <see cref="RunStatus"/> values.</summary>
public static class RunStatuses
{
    /// <summary>True for the final states: succeeded, failed, cancelled.</summary>
    public static bool IsTerminal(this RunStatus status) =>
        status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    /// <summary>The wire name: <c>SUCCEEDED</c>, <c>RUNNING_TASKS</c>, ...</summary>
    public static string ToWire(this RunStatus status) => status switch
    {
        RunStatus.Pending => "PENDING",
        RunStatus.BuildingInputs => "BUILDING_INPUTS",
        RunStatus.RunningTasks => "RUNNING_TASKS",
        RunStatus.Aggregating => "AGGREGATING",
        RunStatus.Succeeded => "SUCCEEDED",
        RunStatus.Failed => "FAILED",
        RunStatus.Cancelling => "CANCELLING",
        RunStatus.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Parses a wire name (any case; <c>_</c> optional), returning false for anything else.</summary>
    public static bool TryParse(string? text, out RunStatus status)
    {
        status = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var key = text.Replace("_", "", StringComparison.Ordinal).Trim();
        foreach (var value in Enum.GetValues<RunStatus>())
        {
            if (string.Equals(value.ToString(), key, StringComparison.OrdinalIgnoreCase))
            {
                status = value;
                return true;
            }
        }
        return false;
    }
}
