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
}
