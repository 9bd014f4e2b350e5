namespace Epy.Reliability.Tests.Harness;

/// <summary>What the cloud does to a run's jobs (beside the faults every run may meet).</summary>
public enum ScenarioKind
{
    /// <summary>Every task succeeds at once.</summary>
    Plain,

    /// <summary>Some runner tasks lose their Spot VM (exit 50001) up to three times; Batch retries them.</summary>
    Preempted,

    /// <summary>One runner task fails for good; the automatic resume runs it again and it succeeds.</summary>
    ResumedAfterFailure,

    /// <summary>One runner task fails for good, within the run's tolerance: Stage C runs on partial results.</summary>
    PartialWithinTolerance,

    /// <summary>One runner task fails, and fails again after the automatic resume: the run fails.</summary>
    FailsAfterResume,

    /// <summary>The builder fails for good (bad input, exit 3): the run fails.</summary>
    BuilderFails,

    /// <summary>The builder job never leaves the queue: the run's deadline fails it and cancels the job.</summary>
    NeverStarts,

    /// <summary>Batch answers 503 to the builder's submit; the user cancels meanwhile: the queued submit must never create the job.</summary>
    CancelOvertakesSubmit,

    /// <summary>A task fails; the automatic resume's submit gets 503 until the run's deadline passes: the resumed job must never be created.</summary>
    DeadlineDuringStuckResume,

    /// <summary>The runner job is deleted from Batch while it runs (someone else's <c>jobs.delete</c>): the run fails, saying so.</summary>
    JobDeleted,

    /// <summary>The runner job never leaves QUEUED (no quota or Spot capacity): the run's deadline cancels it and fails the run.</summary>
    StuckQueued,

    /// <summary>
    /// The deadline's cancel reaches the runner job just after it succeeded (a late SUCCEEDED): the run ends FAILED
    /// by its deadline; a resume then goes straight to Stage C instead of running the tasks again.
    /// </summary>
    LateSucceededThenResume,

    /// <summary>While the runner job runs, forged SUCCEEDED notifications arrive (the real uid, and another uid): neither may move the run.</summary>
    ForgedNotification,

    /// <summary>Batch hangs (never answers until the client's timeout) on the first calls about the runner job; the run goes on after.</summary>
    BatchHangs,
}
