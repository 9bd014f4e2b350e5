namespace Epy.Contracts.Logging;

/// <summary>
/// The names of the fields a log entry carries when it is about a run, as written by the orchestrator
/// and the stage program alike (in Cloud Logging: <c>jsonPayload.run_id</c>, ...), so one filter finds
/// a run's or a task's lines wherever they were written.
/// </summary>
public static class LogFields
{
    /// <summary>The run id (<c>20261124-101500-a1b2c3d4</c>).</summary>
    public const string RunId = "run_id";

    /// <summary>The experiment id.</summary>
    public const string ExpId = "exp_id";

    /// <summary>The stage: <c>builder</c>, <c>runner</c> or <c>output</c>.</summary>
    public const string Stage = "stage";

    /// <summary>The run's task index (Stage B), a number.</summary>
    public const string TaskIndex = "task_index";

    /// <summary>The job id (<c>stage-b-{run_id}-{attempt}</c>).</summary>
    public const string JobId = "job_id";
}
