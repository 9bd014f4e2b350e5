namespace Epy.Orchestrator.Core.Machine;

/// <summary>Why an event was ignored or rejected.</summary>
public enum Reason
{
    /// <summary>Applied: nothing to explain.</summary>
    None,

    /// <summary>The run already reflects this event (a repeated delivery, a state already seen).</summary>
    AlreadyApplied,

    /// <summary>The run has finished; its state no longer changes.</summary>
    RunFinished,

    /// <summary>The report is about a job that is not the run's active one (an older attempt).</summary>
    StaleJob,

    /// <summary>The report is about a job this run never submitted.</summary>
    UnknownJob,

    /// <summary>The report goes backward (RUNNING after SUCCEEDED).</summary>
    BackwardState,

    /// <summary>The event does not apply in the run's current status.</summary>
    NotExpectedNow,

    /// <summary>Cancel asked of a finished run.</summary>
    CannotCancelFinished,

    /// <summary>Resume asked of a run that is neither failed nor cancelled (it runs, or it succeeded).</summary>
    CannotResumeUnlessStopped,

    /// <summary>Resume asked of a run resumed <see cref="State.RunState.ManualResumeLimit"/> times already (a new run is the way on).</summary>
    ResumeLimitReached,

    /// <summary>Resume asked while the job of the run's last attempt is still not final per the job runner (two jobs would write the same results).</summary>
    LastAttemptStillRuns,

    /// <summary>Resume asked while the job runner could not say whether the last attempt's job still runs.</summary>
    LastAttemptUnknown,

    /// <summary>The count answers an earlier count of the builder's manifest (asked before a resume), not the current one.</summary>
    StaleCount,
}
