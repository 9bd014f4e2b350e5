namespace Epy.Contracts.Api;

/// <summary>A run as <c>GET /v1/runs/{id}</c> shows it (JSON, snake_case; times in UTC, ISO 8601).</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="ExpId">The experiment.</param>
/// <param name="State">PENDING, BUILDING_INPUTS, RUNNING_TASKS, AGGREGATING, SUCCEEDED, FAILED, CANCELLING or CANCELLED.</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Deadline">When it fails if not finished.</param>
/// <param name="TaskCount">Stage B's task count (0 until the builder is done).</param>
/// <param name="Failure">Why it failed or was cancelled.</param>
/// <param name="RequestedBy">api, cli, scheduler:{job}.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Jobs">Every job, in order.</param>
/// <param name="FailedTasks">Stage B tasks failing after the latest attempt.</param>
/// <param name="AutoResumesUsed">Automatic resumes so far.</param>
/// <param name="ManualResumes">Resumes asked for.</param>
/// <param name="ArtifactRoot">Where its files are: <c>{dir_prefix}{exp_id}/{run_id}/</c> under the bucket or folder.</param>
/// <param name="Outputs">Its output files (when listed).</param>
/// <param name="History">Its history, oldest first (the most recent 100 entries; <c>GET /v1/runs/{id}/history</c> pages through all of it).</param>
/// <param name="Submission">The hub's verdict on its submission, when its outputs are listed and hold one.</param>
/// <param name="WaitReason">While the run's current job waits in Batch's queue, why (its <see cref="JobView.WaitReason"/>); null otherwise.</param>
/// <param name="OutputsProblem">Why <paramref name="Outputs"/> and <paramref name="Submission"/> are missing when its files could not be read (Cloud Storage unreachable); null otherwise.</param>
public sealed record RunView(
    string RunId,
    string ExpId,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? Deadline,
    int TaskCount,
    string? Failure,
    string RequestedBy,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<JobView> Jobs,
    IReadOnlyList<FailedTaskView> FailedTasks,
    int AutoResumesUsed,
    int ManualResumes,
    string ArtifactRoot,
    IReadOnlyList<string>? Outputs,
    IReadOnlyList<HistoryView> History,
    SubmissionView? Submission = null,
    string? OutputsProblem = null,
    string? WaitReason = null);
