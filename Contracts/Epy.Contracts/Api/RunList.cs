namespace Epy.Contracts.Api;

/// <summary>A page of runs (<c>GET /v1/runs</c>), newest first.</summary>
/// <param name="Runs">The runs.</param>
/// <param name="NextPageToken">Pass as <c>page_token</c> for the next page; null on the last.</param>
public sealed record RunList(IReadOnlyList<RunView> Runs, string? NextPageToken);
