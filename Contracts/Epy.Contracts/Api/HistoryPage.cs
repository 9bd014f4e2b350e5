namespace Epy.Contracts.Api;

/// <summary>A page of a run's whole history, as <c>GET /v1/runs/{id}/history</c> answers (oldest first, nothing dropped).</summary>
/// <param name="History">The entries of this page, oldest first.</param>
/// <param name="Total">How many entries the run's history holds in all.</param>
/// <param name="NextPageToken">The <c>page_token</c> of the next page; null on the last page.</param>
public sealed record HistoryPage(IReadOnlyList<HistoryView> History, long Total, string? NextPageToken);
