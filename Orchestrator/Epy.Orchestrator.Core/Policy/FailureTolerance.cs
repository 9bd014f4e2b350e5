namespace Epy.Orchestrator.Core.Policy;

/// <summary>
/// How many of Stage B's tasks may fail while Stage C still runs on the rest: a count, or a fraction
/// of the run's tasks. The default tolerates none.
/// </summary>
/// <param name="MaxFailedTasks">At most this many failed tasks (null: no count limit).</param>
/// <param name="MaxFailedFraction">At most this fraction of the tasks, 0 to 1 (null: no fraction limit).</param>
public sealed record FailureTolerance(int? MaxFailedTasks, double? MaxFailedFraction)
{
    /// <summary>No failed task is tolerated.</summary>
    public static FailureTolerance None { get; } = new(0, null);

    /// <summary>True when <paramref name="failed"/> failures out of <paramref name="total"/> tasks are tolerated.</summary>
    public bool Allows(int failed, int total)
    {
        if (failed == 0)
            return true;
        if (failed >= total)
            return false;
        if (MaxFailedTasks is { } count && failed > count)
            return false;
        // Compare shares, not fraction * total: 0.29 * 100 is 28.999999999999996, which would turn away
        // 29 failures of 100 under a 29 % tolerance; 29 / 100.0 rounds to the same double as 0.29.
        if (MaxFailedFraction is { } fraction && (double)failed / total > fraction)
            return false;
        return MaxFailedTasks is not null || MaxFailedFraction is not null;
    }

    /// <summary>The problems with this tolerance.</summary>
    public IEnumerable<FieldProblem> Problems()
    {
        if (MaxFailedTasks is < 0)
            yield return new("failure_tolerance.max_failed_tasks", $"must be at least 0, not {MaxFailedTasks}");
        if (MaxFailedFraction is { } f && (double.IsNaN(f) || f < 0 || f > 1))
            yield return new("failure_tolerance.max_failed_fraction", $"must be between 0 and 1, not {f}");
    }
}
