namespace Epy.Contracts.Runs;

/// <summary>Where a run is in its life. <see cref="Succeeded"/>, <see cref="Failed"/> and <see cref="Cancelled"/> are final.</summary>
public enum RunStatus
{
    /// <summary>Accepted, nothing launched yet.</summary>
    Pending,

    /// <summary>Stage A (builder) is expanding the experiment into task inputs.</summary>
    BuildingInputs,

    /// <summary>Stage B (runner) is running the tasks.</summary>
    RunningTasks,

    /// <summary>Stage C (output) is aggregating the results.</summary>
    Aggregating,

    /// <summary>Finished; outputs written.</summary>
    Succeeded,

    /// <summary>Finished without outputs (or a stage failed beyond the run's tolerance); a resume may reopen it.</summary>
    Failed,

    /// <summary>A cancel was asked for; waiting for the running job to stop.</summary>
    Cancelling,

    /// <summary>Stopped on request.</summary>
    Cancelled,
}
