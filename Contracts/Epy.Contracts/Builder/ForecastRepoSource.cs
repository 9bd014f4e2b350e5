namespace Epy.Contracts.Builder;

/// <summary>Where the builder read the experiment's configs and data from.</summary>
/// <param name="Repository">The clone's URL (<c>GITHUB_FORECAST_REPO</c>), or the local folder (<c>FORECAST_REPO_DIR</c>).</param>
/// <param name="Ref">The branch, tag or commit asked for (<c>FORECAST_REPO_REF</c>); null for the default branch or a local folder.</param>
/// <param name="Commit">The commit cloned (<c>git rev-parse HEAD</c>); null for a local folder.</param>
public sealed record ForecastRepoSource(string Repository, string? Ref, string? Commit);
