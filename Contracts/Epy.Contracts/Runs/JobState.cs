namespace Epy.Contracts.Runs;

/// <summary>
/// A job's state as Cloud Batch reports it (<c>NewJobState</c> of a <c>JOB_STATE_CHANGED</c>
/// notification); the local job runner reports the same values.
/// </summary>
public enum JobState
{
    /// <summary>Accepted, waiting for resources.</summary>
    Queued,

    /// <summary>Resources are being allocated.</summary>
    Scheduled,

    /// <summary>At least one task is running.</summary>
    Running,

    /// <summary>Every task succeeded.</summary>
    Succeeded,

    /// <summary>At least one task failed after its retries.</summary>
    Failed,

    /// <summary>Cancelled on request.</summary>
    Cancelled,

    /// <summary>Being deleted; it will not report again.</summary>
    DeletionInProgress,
}
