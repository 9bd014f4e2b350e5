namespace Epy.Contracts.Api;

/// <summary>The body of <c>POST /v1/runs</c> (JSON, snake_case). Only <see cref="ExpId"/> is required.</summary>
/// <param name="ExpId">The experiment: <c>^[a-zA-Z0-9_/-]+$</c>, at most 200 characters, no <c>..</c>.</param>
/// <param name="RunId">A run id to use (<c>20261124-101500-a1b2c3d4</c>); by default one is made from the time.</param>
/// <param name="ImageTag">The stage image tag (cloud).</param>
/// <param name="ForecastRepoRef">The forecast repository's git ref (cloud).</param>
/// <param name="Labels">Labels for every job; sanitised to Batch's rules.</param>
/// <param name="StageA">Stage A resource overrides.</param>
/// <param name="StageB">Stage B resource overrides (per task).</param>
/// <param name="StageC">Stage C resource overrides.</param>
/// <param name="MaxParallelism">Stage B tasks at once, 1 to 5,000 (default 100).</param>
/// <param name="TaskCountPerNode">Tasks per VM, 1 to 64 (default 1).</param>
/// <param name="Spot">Use Spot VMs.</param>
/// <param name="MaxRetryCount">Batch retries per task, 0 to 10 (default 3).</param>
/// <param name="FailureTolerance">How many Stage B failures still allow Stage C.</param>
/// <param name="AutoResumes">Automatic resumes of failed tasks, 0 to 10 (default 1).</param>
/// <param name="SkipOutput">Do not run Stage C.</param>
/// <param name="DeadlineHours">Fail the run after this many hours (default 48).</param>
/// <param name="BillingProject">The project billed for this run's jobs (their <c>billing_project</c> label); by default the deployment's.</param>
public sealed record StartRunRequest(
    string? ExpId,
    string? RunId = null,
    string? ImageTag = null,
    string? ForecastRepoRef = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    StageOverrides? StageA = null,
    StageOverrides? StageB = null,
    StageOverrides? StageC = null,
    int? MaxParallelism = null,
    int? TaskCountPerNode = null,
    bool? Spot = null,
    int? MaxRetryCount = null,
    FailureToleranceBody? FailureTolerance = null,
    int? AutoResumes = null,
    bool? SkipOutput = null,
    double? DeadlineHours = null,
    string? BillingProject = null);
