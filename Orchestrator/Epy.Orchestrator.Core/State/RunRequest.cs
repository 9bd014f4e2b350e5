namespace Epy.Orchestrator.Core.State;

/// <summary>What the run was started with, beyond its policy.</summary>
/// <param name="ImageTag">The stage program's image tag (cloud), or null for the deployment's default.</param>
/// <param name="ForecastRepoRef">The forecast repository's git ref (cloud), or null for the default branch.</param>
/// <param name="Labels">Labels added to every job (already sanitised to Batch's rules).</param>
/// <param name="RequestedBy">Who or what asked: <c>api</c>, <c>cli</c>, <c>scheduler:{job}</c>.</param>
/// <param name="BillingProject">The project billed for the run's jobs (label <c>billing_project</c>), or null for the deployment's.</param>
public sealed record RunRequest(string? ImageTag, string? ForecastRepoRef, ValueList<KeyValuePair<string, string>> Labels, string RequestedBy, string? BillingProject = null)
{
    /// <summary>A request with no tag, ref or labels.</summary>
    public static RunRequest Plain(string requestedBy) => new(null, null, ValueList<KeyValuePair<string, string>>.Empty, requestedBy);
}
