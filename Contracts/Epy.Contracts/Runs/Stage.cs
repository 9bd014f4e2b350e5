namespace Epy.Contracts.Runs;

/// <summary>The three stages of a run.</summary>
public enum Stage
{
    /// <summary>Stage A: expands the experiment into task inputs (one task).</summary>
    Builder,

    /// <summary>Stage B: runs the N tasks in parallel.</summary>
    Runner,

    /// <summary>Stage C: aggregates the results into outputs (one task).</summary>
    Output,
}
